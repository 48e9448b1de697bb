import { describeArg } from '@smolml/core';

// Parameter checks shared by the activations: a non-number is a TypeError (the wrong
// type), a number outside what the parameter allows is a RangeError. Each message names
// the function, the parameter and the bad value.

/** A TypeError unless `v` is a number. */
export function checkNumber(op: string, what: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') throw new TypeError(`${op}: ${what} must be a number, got ${describeArg(v)}`);
}

/** A TypeError unless `v` is a number, a RangeError unless it is finite. */
export function checkFinite(op: string, what: string, v: unknown): asserts v is number {
  checkNumber(op, what, v);
  if (!Number.isFinite(v)) throw new RangeError(`${op}: ${what} must be a finite number, got ${v}`);
}

/** A TypeError unless `v` is a number, a RangeError unless it is finite and greater than 0. */
export function checkPositive(op: string, what: string, v: unknown): asserts v is number {
  checkNumber(op, what, v);
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${op}: ${what} must be a finite number greater than 0, got ${v}`);
}

/** A TypeError unless `v` is a number, a RangeError unless it is an integer. */
export function checkInteger(op: string, what: string, v: unknown): asserts v is number {
  checkNumber(op, what, v);
  if (!Number.isInteger(v)) throw new RangeError(`${op}: ${what} must be an integer, got ${v}`);
}
