import { Optimizer } from './optimizer';
import type { SchedulerStateDict } from './state-dict';

// See Optimizer: recognised across the CommonJS and ESM copies of this package.
const SCHEDULER_BRAND: unique symbol = Symbol.for('smolml.LRScheduler') as never;

/**
 * The base of the learning-rate schedules. A schedule is a pure function of the step
 * count, {@link learningRateAt}; each {@link step} advances the count and writes the new
 * rate into the optimizer's `learningRate`. Call `scheduler.step()` once per epoch (or
 * per batch, if the schedule is counted in batches), after `optimizer.step(...)`.
 *
 * Because the rate is recomputed from the formula every time, never multiplied into
 * the previous one, a resumed schedule gives the identical numbers.
 *
 * @example
 * const opt = new SGD({ learningRate: 0.1 });
 * const sched = new StepLR(opt, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 90; epoch++) { train(opt); sched.step(); }
 */
export abstract class LRScheduler {
  /** @internal */
  readonly [SCHEDULER_BRAND] = true;

  /**
   * `x instanceof LRScheduler` recognises schedules from any loaded copy of this package;
   * subclasses keep the ordinary prototype check.
   */
  static [Symbol.hasInstance](x: unknown): boolean {
    if (this !== LRScheduler) return Function.prototype[Symbol.hasInstance].call(this, x);
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[SCHEDULER_BRAND] === true;
  }

  /** The schedule's name as stored in {@link stateDict}, e.g. `"StepLR"`. */
  abstract readonly name: string;
  /** The optimizer whose `learningRate` this schedule sets. */
  readonly optimizer: Optimizer;
  /** The rate at step 0: the optimizer's learning rate when the schedule was made. */
  baseLearningRate: number;
  /** How many times {@link step} has been called. */
  lastStep = 0;

  protected constructor(optimizer: Optimizer) {
    if (!(optimizer instanceof Optimizer)) {
      throw new TypeError(`learning-rate schedule: expected an Optimizer, got ${optimizer === null ? 'null' : typeof optimizer}`);
    }
    this.optimizer = optimizer;
    this.baseLearningRate = optimizer.learningRate;
  }

  /** The learning rate after `step` calls of {@link LRScheduler.step}. */
  abstract learningRateAt(step: number): number;

  /** Advances one step, sets the optimizer's learning rate and returns it. */
  step(): number {
    this.lastStep += 1;
    return this.apply();
  }

  /** The state to save beside the optimizer's. */
  stateDict(): SchedulerStateDict {
    return { scheduler: this.name, baseLearningRate: this.baseLearningRate, lastStep: this.lastStep };
  }

  /** Restores a {@link stateDict} and sets the optimizer's learning rate to match. */
  loadStateDict(dict: SchedulerStateDict): void {
    const op = `${this.name}.loadStateDict`;
    if (typeof dict !== 'object' || dict === null || dict.scheduler !== this.name) {
      throw new RangeError(`${op}: expected a ${this.name} state dict, got ${dict === null || typeof dict !== 'object' ? String(dict) : String(dict.scheduler)}`);
    }
    if (!Number.isInteger(dict.lastStep) || dict.lastStep < 0) throw new RangeError(`${op}: lastStep must be an integer >= 0, got ${dict.lastStep}`);
    if (!Number.isFinite(dict.baseLearningRate) || dict.baseLearningRate < 0) {
      throw new RangeError(`${op}: baseLearningRate must be a finite number >= 0, got ${dict.baseLearningRate}`);
    }
    this.baseLearningRate = dict.baseLearningRate;
    this.lastStep = dict.lastStep;
    this.apply();
  }

  /** Writes the rate for the current step into the optimizer. */
  protected apply(): number {
    const lr = this.learningRateAt(this.lastStep);
    this.optimizer.learningRate = lr;
    return lr;
  }
}
