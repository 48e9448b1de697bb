import { ADAM_SPEC, Adam, type AdamOptions } from './adam';
import { nonNegative, readOptions } from './check';

/** Options of {@link AdamW}: Adam's, with decoupled weight decay defaulting to 0.01. */
export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay λ: θ ← θ − αλθ at each step, beside the Adam step. Default 0.01, as PyTorch. */
  weightDecay?: number;
}

const SPEC = { ...ADAM_SPEC, weightDecay: { default: 0.01, check: nonNegative } };

/**
 * AdamW: Adam with decoupled weight decay. Each step shrinks the weights,
 * θ ← θ·(1 − αλ), and takes the plain {@link Adam} step. Adding λθ to the gradient
 * instead (Adam's `weightDecay`) lets Adam's per-element scaling weaken the decay
 * exactly where gradients are large; decoupling keeps it a uniform pull towards zero
 * (Loshchilov & Hutter, 2019). Same arithmetic as PyTorch's AdamW; like PyTorch 2's, it
 * is Adam with the decay decoupled (`new AdamW() instanceof Adam`).
 *
 * State per parameter: `expAvg`, `expAvgSq` and its step count.
 *
 * @example
 * const opt = new AdamW({ learningRate: 1e-3, weightDecay: 0.05 });
 */
export class AdamW extends Adam {
  override readonly name: string = 'AdamW';
  protected override readonly decoupledWeightDecay: boolean = true;

  constructor(options: AdamWOptions = {}) {
    // Read (and checked, naming AdamW) here, so Adam sees complete, valid options.
    super(readOptions('AdamW', options, SPEC));
  }
}
