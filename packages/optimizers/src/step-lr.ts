import { checkKeys, nonNegative, positiveInteger } from './check';
import { LRScheduler } from './lr-scheduler';
import type { Optimizer } from './optimizer';

/** Options of {@link StepLR}. */
export interface StepLROptions {
  /** How many steps between decays. */
  stepSize: number;
  /** The factor applied at each decay. Default 0.1. */
  gamma?: number;
}

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
    super(optimizer);
    checkKeys(this.name, options, ['stepSize', 'gamma']);
    positiveInteger(this.name, 'stepSize', options.stepSize);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    nonNegative(this.name, 'gamma', this.gamma);
  }

  learningRateAt(step: number): number {
    return this.baseLearningRate * this.gamma ** Math.floor(step / this.stepSize);
  }
}
