// Argument checks shared by the optimizers, schedules and clipping. Each throws a
// TypeError (wrong type) or a RangeError (a number out of range) that names the owner,
// the argument, what was expected and what was given.
import { describeArg } from '@smolml/core';

/**
 * How a bad value is quoted in a message: numbers and booleans as themselves, strings in
 * quotes (shortened), anything else as core's {@link describeArg} names it. Never throws
 * (a template literal would on a symbol).
 */
export function show(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return typeof v === 'bigint' ? `${v}n` : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  try {
    return describeArg(v);
  } catch {
    return 'an object'; // a hostile object (e.g. a throwing `constructor` getter)
  }
}

/** A check of one hyperparameter: throws naming `owner` and `name`, or returns. */
export type Check = (owner: string, name: string, v: unknown) => void;

function number(owner: string, name: string, v: unknown, expected: string): v is number {
  if (typeof v !== 'number') throw new TypeError(`${owner}: ${name} must be ${expected}, got ${show(v)}`);
  return true;
}

/** A finite number >= 0 (learning rates, weight decay, clip values). */
export function nonNegative(owner: string, name: string, v: unknown): void {
  const expected = 'a finite number >= 0';
  if (number(owner, name, v, expected) && !(Number.isFinite(v) && v >= 0)) throw new RangeError(`${owner}: ${name} must be ${expected}, got ${v}`);
}

/** A finite number > 0 (epsilon, gamma, maxNorm). */
export function positive(owner: string, name: string, v: unknown): void {
  const expected = 'a finite number > 0';
  if (number(owner, name, v, expected) && !(Number.isFinite(v) && v > 0)) throw new RangeError(`${owner}: ${name} must be ${expected}, got ${v}`);
}

/** A decay rate in [0, 1) (betas, momentum): 1 would never forget, so never converge. */
export function decayRate(owner: string, name: string, v: unknown): void {
  if (number(owner, name, v, 'in [0, 1)') && !(v >= 0 && v < 1)) throw new RangeError(`${owner}: ${name} must be in [0, 1), got ${v}`);
}

/** A fraction in [0, 1] (a warm-up's start factor). */
export function fraction(owner: string, name: string, v: unknown): void {
  if (number(owner, name, v, 'in [0, 1]') && !(v >= 0 && v <= 1)) throw new RangeError(`${owner}: ${name} must be in [0, 1], got ${v}`);
}

/** A true/false flag. */
export function flag(owner: string, name: string, v: unknown): void {
  if (typeof v !== 'boolean') throw new TypeError(`${owner}: ${name} must be true or false, got ${show(v)}`);
}

/** A positive safe integer (step counts). */
export function positiveInteger(owner: string, name: string, v: unknown): void {
  const expected = 'a positive integer';
  if (number(owner, name, v, expected) && !(Number.isSafeInteger(v) && v >= 1)) throw new RangeError(`${owner}: ${name} must be ${expected}, got ${v}`);
}

/** A safe integer >= 0 (a schedule's step, a state's step count). */
export function stepCount(owner: string, name: string, v: unknown): void {
  const expected = 'an integer >= 0';
  if (number(owner, name, v, expected) && !(Number.isSafeInteger(v) && v >= 0)) throw new RangeError(`${owner}: ${name} must be ${expected}, got ${v}`);
}

/** One option: its default (`undefined` when the option is required) and its check. */
export interface OptionRule {
  readonly default: number | boolean | undefined;
  readonly check: Check;
}

/** The options an owner accepts, by name. */
export type OptionSpec = Readonly<Record<string, OptionRule>>;

/** The option values an {@link OptionSpec} yields (defaults filled in). */
export type OptionValues<S extends OptionSpec> = { -readonly [K in keyof S]: Exclude<S[K]['default'], undefined> };

/**
 * Reads `options` against `spec`: refuses a non-object (TypeError) and unknown keys (a
 * misspelling would otherwise be ignored), fills defaults, checks every value, and
 * returns the values. Each property is read once.
 */
export function readOptions<S extends OptionSpec>(owner: string, options: unknown, spec: S): OptionValues<S> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${owner}: options must be an object, got ${show(options)}`);
  }
  const keys = Object.keys(spec);
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) throw new RangeError(`${owner}: unknown option '${key.slice(0, 40)}'; expected one of ${keys.join(', ')}`);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const rule = spec[key];
    let v: unknown = (options as Record<string, unknown>)[key];
    if (v === undefined) {
      if (rule.default === undefined) throw new TypeError(`${owner}: option ${key} is required`);
      v = rule.default;
    }
    rule.check(owner, key, v);
    out[key] = v;
  }
  return out as OptionValues<S>;
}

/** Checks the current values of `spec`'s options on `target` (a bad value assigned after construction). */
export function checkOptions(owner: string, target: object, spec: OptionSpec): void {
  // for-in over the spec's own plain keys: runs at every step, so no array is made.
  for (const key in spec) spec[key].check(owner, key, (target as Record<string, unknown>)[key]);
}
