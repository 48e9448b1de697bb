import { checkKeys, positive } from './check';
import { LRScheduler } from './lr-scheduler';
import type { Optimizer } from './optimizer';

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions {
  /** The factor applied at every step, e.g. 0.95. */
  gamma: number;
}

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
    super(optimizer);
    checkKeys(this.name, options, ['gamma']);
    positive(this.name, 'gamma', options.gamma);
    this.gamma = options.gamma;
  }

  learningRateAt(step: number): number {
    return this.baseLearningRate * this.gamma ** step;
  }
}
