import { checkOptions, fraction, positiveInteger, readOptions } from './check';
import { LRScheduler, checkOptimizer, checkScheduler, checkStep } from './lr-scheduler';
import type { Optimizer } from './optimizer';
import type { SchedulerStateDict } from './state-dict';

/** Options of {@link LinearWarmup}. */
export interface LinearWarmupOptions {
  /** How many steps the warm-up lasts. */
  warmupSteps: number;
  /** The fraction of the base rate to start from, in [0, 1]. Default 0. */
  startFactor?: number;
}

const SPEC = {
  warmupSteps: { default: undefined, check: positiveInteger },
  startFactor: { default: 0, check: fraction },
};

/**
 * Ramps the rate linearly from `startFactor · α₀` up to α₀ over `warmupSteps` steps,
 *
 *     α_t = α₀ · (s + (1 − s) · t / warmupSteps)    for t < warmupSteps
 *
 * then hands over to `after` (another schedule, counted from the end of the warm-up)
 * or holds α₀. Early steps from a random start have large, unreliable gradients;
 * small steps at first keep Adam's moment estimates from locking in a bad direction.
 * The rate for step 0 is set as soon as the warm-up is made.
 *
 * @example
 * const opt = new Adam({ learningRate: 1e-3 });
 * const sched = new LinearWarmup(new CosineAnnealingLR(opt, { tMax: 900 }), { warmupSteps: 100 });
 * // step 0: 0, step 50: 5e-4, step 100: 1e-3, then the cosine down to 0 at step 1000
 */
export class LinearWarmup extends LRScheduler {
  readonly name: string = 'LinearWarmup';
  /** Length of the warm-up, in steps. */
  readonly warmupSteps: number;
  /** The starting fraction s of the base rate. */
  readonly startFactor: number;
  /** The schedule that follows the warm-up, if any. */
  readonly after: LRScheduler | null;

  constructor(target: Optimizer | LRScheduler, options: LinearWarmupOptions) {
    const after = target instanceof LRScheduler ? target : null;
    if (after === null) checkOptimizer('LinearWarmup', target, 'an Optimizer or an LRScheduler');
    else checkScheduler('LinearWarmup', after);
    super(after === null ? (target as Optimizer) : after.optimizer, 'LinearWarmup');
    const o = readOptions('LinearWarmup', options, SPEC);
    this.warmupSteps = o.warmupSteps;
    this.startFactor = o.startFactor;
    this.after = after;
    if (after !== null) this.baseLearningRate = after.baseLearningRate;
    this.apply();
  }

  /** Advances one step; the schedule after the warm-up counts from the warm-up's end. */
  override step(): number {
    const lr = super.step();
    if (this.after !== null) this.after.lastStep = Math.max(0, this.lastStep - this.warmupSteps);
    return lr;
  }

  /** Restores the warm-up and the schedule after it. */
  override loadStateDict(dict: SchedulerStateDict): void {
    super.loadStateDict(dict);
    if (this.after !== null) {
      this.after.baseLearningRate = this.baseLearningRate;
      this.after.lastStep = Math.max(0, this.lastStep - this.warmupSteps);
      this.apply(); // again, now that the schedule after the warm-up has its base rate back
    }
  }

  protected override validate(op: string): void {
    super.validate(op);
    checkOptions(op, this, SPEC);
  }

  learningRateAt(step: number): number {
    checkStep(this, step);
    const w = this.warmupSteps;
    if (step < w) return this.baseLearningRate * (this.startFactor + ((1 - this.startFactor) * step) / w);
    return this.after === null ? this.baseLearningRate : this.after.learningRateAt(step - w);
  }
}
