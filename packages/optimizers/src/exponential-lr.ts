import { checkOptions, positive, readOptions } from './check';
import { LRScheduler, checkStep } from './lr-scheduler';
import type { Optimizer } from './optimizer';

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions {
  /** The factor applied at every step, e.g. 0.95. */
  gamma: number;
}

const SPEC = { gamma: { default: undefined, check: positive } };

/**
 * Multiplies the rate by `gamma` at every step: α_t = α₀ · γ^t.
 *
 * @example
 * new ExponentialLR(optimizer, { gamma: 0.95 });   // halves about every 14 steps
 */
export class ExponentialLR extends LRScheduler {
  readonly name: string = 'ExponentialLR';
  /** Decay factor per step. */
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    super(optimizer, 'ExponentialLR');
    this.gamma = readOptions('ExponentialLR', options, SPEC).gamma;
  }

  protected override validate(op: string): void {
    super.validate(op);
    checkOptions(op, this, SPEC);
  }

  learningRateAt(step: number): number {
    checkStep(this, step);
    return this.baseLearningRate * this.gamma ** step;
  }
}
