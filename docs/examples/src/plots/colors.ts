// One colour per optimizer, shared by every chart that compares optimizers (the
// Rosenbrock path and loss, the small network's loss, the XOR comparison), so a reader
// who learns "Adam is purple" on one chart can read the next one without its legend.
import { PALETTE } from './svg';

/** The colour of each optimizer's curve, by class name. */
export const OPTIMIZER_COLORS = {
  SGD: PALETTE[0],
  SGDMomentum: PALETTE[1],
  Nesterov: PALETTE[6],
  AdaGrad: PALETTE[2],
  RMSProp: PALETTE[3],
  Adam: PALETTE[4],
  AdamW: PALETTE[5],
} as const;

/** A name of {@link OPTIMIZER_COLORS}. */
export type OptimizerKind = keyof typeof OPTIMIZER_COLORS;

/** A neutral colour for reference curves drawn beside the series (a valley floor, a target). */
export const REFERENCE_COLOR = '#777777';
