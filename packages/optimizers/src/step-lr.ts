import { checkOptions, nonNegative, positiveInteger, readOptions } from './check';
import { LRScheduler, checkStep } from './lr-scheduler';
import type { Optimizer } from './optimizer';

/** Options of {@link StepLR}. */
export interface StepLROptions {
  /** How many steps between decays. */
  stepSize: number;
  /** The factor applied at each decay. Default 0.1. */
  gamma?: number;
}

const SPEC = {
  stepSize: { default: undefined, check: positiveInteger },
  gamma: { default: 0.1, check: nonNegative },
};

/**
 * Multiplies the rate by `gamma` every `stepSize` steps: α_t = α₀ · γ^⌊t / stepSize⌋.
 *
 * @example
 * new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });   // 0.1, then 0.01 after 30 steps, ...
 */
export class StepLR extends LRScheduler {
  readonly name: string = 'StepLR';
  /** Steps between decays. */
  readonly stepSize: number;
  /** Decay factor. */
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    super(optimizer, 'StepLR');
    const o = readOptions('StepLR', options, SPEC);
    this.stepSize = o.stepSize;
    this.gamma = o.gamma;
  }

  protected override validate(op: string): void {
    super.validate(op);
    checkOptions(op, this, SPEC);
  }

  learningRateAt(step: number): number {
    checkStep(this, step);
    return this.baseLearningRate * this.gamma ** Math.floor(step / this.stepSize);
  }
}
