import { nonNegative, show, stepCount } from './check';
import { Optimizer } from './optimizer';
import type { SchedulerStateDict } from './state-dict';

// See Optimizer: recognised across the CommonJS and ESM copies of this package.
const SCHEDULER_BRAND: unique symbol = Symbol.for('smolml.LRScheduler') as never;

let isScheduler: (x: unknown) => boolean;
// The name `op` of a method called on `self`, or a TypeError for a detached method.
function receiver(self: unknown, method: string): string {
  if (!isScheduler(self)) throw new TypeError(`LRScheduler.${method}: called on ${show(self)}, not on a schedule (call it as schedule.${method}(...))`);
  return `${(self as LRScheduler).name}.${method}`;
}

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
   * `x instanceof LRScheduler` recognises schedules from any loaded copy of this package
   * by their brand and shape; subclasses keep the ordinary prototype check.
   */
  static [Symbol.hasInstance](x: unknown): boolean {
    if (this !== LRScheduler) return Function.prototype[Symbol.hasInstance].call(this, x);
    if (typeof x !== 'object' || x === null) return false;
    const s = x as Record<string | symbol, unknown>;
    return s[SCHEDULER_BRAND] === true && typeof s.name === 'string' && typeof s.learningRateAt === 'function' && typeof s.step === 'function' && typeof s.optimizer === 'object';
  }

  /** The schedule's name as stored in {@link stateDict}, e.g. `"StepLR"`. */
  abstract readonly name: string;
  /** The optimizer whose `learningRate` this schedule sets. */
  readonly optimizer: Optimizer;
  /** The rate at step 0: the optimizer's learning rate when the schedule was made. */
  baseLearningRate: number;
  /** How many times {@link step} has been called. */
  lastStep = 0;
  readonly #made = true;

  static {
    isScheduler = (x) => typeof x === 'object' && x !== null && #made in x;
  }

  /** `owner` names the schedule in error messages (the subclass's fields are not set yet). */
  protected constructor(optimizer: Optimizer, owner = 'LRScheduler') {
    checkOptimizer(owner, optimizer);
    this.optimizer = optimizer;
    this.baseLearningRate = optimizer.learningRate;
  }

  /** The learning rate after `step` calls of {@link LRScheduler.step}; `step` is an integer >= 0. */
  abstract learningRateAt(step: number): number;

  /**
   * Checks the schedule's fields (a field set to nonsense after construction), throwing a
   * TypeError or RangeError naming `op`. Subclasses add their own options.
   */
  protected validate(op: string): void {
    nonNegative(op, 'baseLearningRate', this.baseLearningRate);
    stepCount(op, 'lastStep', this.lastStep);
  }

  /** Advances one step, sets the optimizer's learning rate and returns it. */
  step(): number {
    this.validate(receiver(this, 'step'));
    this.lastStep += 1;
    try {
      return this.apply();
    } catch (err) {
      this.lastStep -= 1; // a refused rate leaves the schedule where it was
      throw err;
    }
  }

  /** The state to save beside the optimizer's. */
  stateDict(): SchedulerStateDict {
    receiver(this, 'stateDict');
    return { scheduler: this.name, baseLearningRate: this.baseLearningRate, lastStep: this.lastStep };
  }

  /** Restores a {@link stateDict} and sets the optimizer's learning rate to match. */
  loadStateDict(dict: SchedulerStateDict): void {
    const op = receiver(this, 'loadStateDict');
    if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) throw new TypeError(`${op}: expected a ${this.name} state dict, got ${show(dict)}`);
    const { scheduler, baseLearningRate, lastStep } = dict as Partial<SchedulerStateDict>;
    if (scheduler !== this.name) throw new RangeError(`${op}: expected a ${this.name} state dict, got ${typeof scheduler === 'string' ? scheduler.slice(0, 40) : show(scheduler)}`);
    stepCount(op, 'lastStep', lastStep);
    nonNegative(op, 'baseLearningRate', baseLearningRate);
    const old = [this.baseLearningRate, this.lastStep];
    this.baseLearningRate = baseLearningRate as number;
    this.lastStep = lastStep as number;
    try {
      this.apply();
    } catch (err) {
      [this.baseLearningRate, this.lastStep] = old;
      throw err;
    }
  }

  /**
   * Writes the rate for the current step into the optimizer. A rate that is not a finite
   * number >= 0 (a field set to nonsense after construction) is a RangeError, and the
   * optimizer keeps its rate.
   */
  protected apply(): number {
    const lr = this.learningRateAt(this.lastStep);
    nonNegative(`${this.name}.step`, 'the scheduled learning rate', lr);
    // Reflect.set: a frozen optimizer is a clear error, not "Cannot assign to read only property".
    if (!Reflect.set(this.optimizer, 'learningRate', lr)) throw new TypeError(`${this.name}.step: cannot set the optimizer's learningRate (is it frozen?)`);
    return lr;
  }
}

/** @internal The start of every built-in `learningRateAt`: a schedule as `this`, an integer step >= 0. */
export function checkStep(self: unknown, step: unknown): void {
  const op = receiver(self, 'learningRateAt');
  stepCount(op, 'step', step);
  (self as unknown as { validate(op: string): void }).validate(op);
}

const BRANDED = (x: unknown, brand: symbol): boolean => typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[brand] === true;

/**
 * Checks that `x` is a sound Optimizer (brand, shape and a valid learning rate): the
 * brand alone is not trusted, since any object can carry it.
 */
export function checkOptimizer(owner: string, x: unknown, expected = 'an Optimizer'): asserts x is Optimizer {
  if (!(x instanceof Optimizer)) {
    const brand = BRANDED(x, Symbol.for('smolml.Optimizer')) ? 'Optimizer' : BRANDED(x, SCHEDULER_BRAND) ? 'LRScheduler' : null;
    const forged = brand === null ? '' : ` that carries the ${brand} brand without being one`;
    throw new TypeError(`${owner}: expected ${expected}, got ${show(x)}${forged}`);
  }
  nonNegative(owner, "the optimizer's learningRate", x.learningRate);
}

/** Checks that `x` is a sound LRScheduler (see {@link checkOptimizer}). */
export function checkScheduler(owner: string, x: unknown): asserts x is LRScheduler {
  if (!(x instanceof LRScheduler)) {
    const forged = BRANDED(x, SCHEDULER_BRAND) ? ' that carries the LRScheduler brand without being one' : '';
    throw new TypeError(`${owner}: expected an LRScheduler, got ${show(x)}${forged}`);
  }
  const s = x as unknown as Record<string, unknown>;
  checkOptimizer(owner, s.optimizer);
  nonNegative(owner, "the schedule's baseLearningRate", s.baseLearningRate);
  stepCount(owner, "the schedule's lastStep", s.lastStep);
}
