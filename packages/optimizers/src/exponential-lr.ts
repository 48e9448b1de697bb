import { positive, readOptions, stepCount } from './check';
import { LRScheduler } from './lr-scheduler';
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

  learningRateAt(step: number): number {
    stepCount(`${this.name}.learningRateAt`, 'step', step);
    return this.baseLearningRate * this.gamma ** step;
  }
}
