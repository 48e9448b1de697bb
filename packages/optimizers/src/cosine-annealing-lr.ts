import { checkOptions, nonNegative, positiveInteger, readOptions } from './check';
import { LRScheduler, checkStep } from './lr-scheduler';
import type { Optimizer } from './optimizer';

/** Options of {@link CosineAnnealingLR}. */
export interface CosineAnnealingLROptions {
  /** Steps from the base rate down to `minLearningRate`. */
  tMax: number;
  /** The rate reached at `tMax` and kept after. Default 0. */
  minLearningRate?: number;
}

const SPEC = {
  tMax: { default: undefined, check: positiveInteger },
  minLearningRate: { default: 0, check: nonNegative },
};

/**
 * Follows half a cosine from the base rate down to `minLearningRate` over `tMax` steps,
 * then stays there:
 *
 *     α_t = α_min + (α₀ − α_min) · (1 + cos(π · min(t, tMax) / tMax)) / 2
 *
 * The rate falls slowly at first, fastest midway and gently into the end. PyTorch's
 * CosineAnnealingLR keeps following the cosine back up after tMax; we hold the minimum.
 *
 * @example
 * new CosineAnnealingLR(optimizer, { tMax: 100, minLearningRate: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly name: string = 'CosineAnnealingLR';
  /** Length of the decay, in steps. */
  readonly tMax: number;
  /** The final rate. */
  readonly minLearningRate: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    super(optimizer, 'CosineAnnealingLR');
    const o = readOptions('CosineAnnealingLR', options, SPEC);
    this.tMax = o.tMax;
    this.minLearningRate = o.minLearningRate;
  }

  protected override validate(op: string): void {
    super.validate(op);
    checkOptions(op, this, SPEC);
  }

  learningRateAt(step: number): number {
    checkStep(this, step);
    const t = Math.min(step, this.tMax);
    const min = this.minLearningRate;
    return min + ((this.baseLearningRate - min) * (1 + Math.cos((Math.PI * t) / this.tMax))) / 2;
  }
}
