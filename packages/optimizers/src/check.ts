// Option checks shared by the optimizers and schedules. Each throws a RangeError that
// names the owner, the option, what was expected and what was given.

const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));

/** Refuses option keys the owner does not know (a misspelling would otherwise be ignored). */
export function checkKeys(owner: string, options: unknown, keys: readonly string[]): void {
  if (typeof options !== 'object' || options === null) {
    throw new RangeError(`${owner}: options must be an object, got ${show(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) {
      throw new RangeError(`${owner}: unknown option '${key}'; expected one of ${keys.join(', ')}`);
    }
  }
}

/** A finite number >= 0 (learning rates, weight decay, clip values). */
export function nonNegative(owner: string, name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`${owner}: ${name} must be a finite number >= 0, got ${show(v)}`);
  }
}

/** A finite number > 0 (epsilon, gamma, maxNorm). */
export function positive(owner: string, name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${owner}: ${name} must be a finite number > 0, got ${show(v)}`);
  }
}

/** A decay rate in [0, 1) (betas, momentum): 1 would never forget, so never converge. */
export function decayRate(owner: string, name: string, v: unknown): void {
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
    throw new RangeError(`${owner}: ${name} must be in [0, 1), got ${show(v)}`);
  }
}

/** A true/false flag. */
export function flag(owner: string, name: string, v: unknown): void {
  if (typeof v !== 'boolean') throw new RangeError(`${owner}: ${name} must be true or false, got ${show(v)}`);
}

/** A positive integer (step counts). */
export function positiveInteger(owner: string, name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`${owner}: ${name} must be a positive integer, got ${show(v)}`);
  }
}
