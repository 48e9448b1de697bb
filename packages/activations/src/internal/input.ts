import { MLArray, Value, describeArg } from '@smolml/core';

/**
 * The ops MLArray and Value both have. Seeing either through this interface lets a
 * composed activation be written once and serve both types with the same arithmetic.
 */
export interface Ops {
  add(o: Ops | number): Ops;
  sub(o: Ops | number): Ops;
  mul(o: Ops | number): Ops;
  div(o: Ops | number): Ops;
  pow(k: number): Ops;
  neg(): Ops;
  exp(): Ops;
  tanh(): Ops;
  sigmoid(): Ops;
  relu(): Ops;
}

/** An MLArray or a Value, as every elementwise activation accepts. */
export type Input = MLArray | Value;

/**
 * Why `x`, which passed core's `instanceof MLArray` (the brand, a typed float storage
 * whose length fits its shape), still cannot work as an array, or null when it can: a
 * forged object with valid storage but without the methods an activation calls would fail with
 * "is not a function".
 */
function arrayDefect(x: MLArray): string | null {
  if (typeof x.mul !== 'function' || typeof x.relu !== 'function' || typeof x.sum !== 'function') return 'it has no MLArray methods';
  return null;
}

const VALUE_BRAND = Symbol.for('smolml.Value');

/** Why `x`, which carries the Value brand, cannot be a working Value, or null. */
function valueDefect(x: Value): string | null {
  if (typeof x.data !== 'number') return `its data is ${describeArg(x.data)}, not a number`;
  if (typeof x.mul !== 'function' || typeof x.relu !== 'function') return 'it has no Value methods';
  return null;
}

function hint(x: unknown): string {
  if (Array.isArray(x)) return ' (wrap it: new MLArray(...))';
  if (typeof x === 'number') return ' (wrap it: new Value(x) or new MLArray(x))';
  return '';
}

/** A TypeError naming `op` unless `x` is a working MLArray (see {@link arrayDefect}). */
export function checkArrayStorage(op: string, what: string, x: MLArray): void {
  const defect = arrayDefect(x);
  if (defect !== null) throw new TypeError(`${op}: ${what} carries the MLArray brand but is not an MLArray: ${defect}`);
}

/** Rejects anything but a working MLArray or Value, naming the activation. */
export function checkInput(op: string, x: unknown): asserts x is Input {
  if (x instanceof MLArray) return checkArrayStorage(op, 'the input', x);
  if (x instanceof Value) {
    const defect = valueDefect(x);
    if (defect !== null) throw new TypeError(`${op}: the input carries the Value brand but is not a Value: ${defect}`);
    return;
  }
  // Core's instanceof already refuses a forged Value brand; say why, as for arrays.
  if (typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[VALUE_BRAND] === true) {
    throw new TypeError(`${op}: the input carries the Value brand but is not a Value: ${valueDefect(x as Value) ?? 'its grad is not a number'}`);
  }
  throw new TypeError(`${op}: expected an MLArray or a Value, got ${describeArg(x)}${hint(x)}`);
}

/** Rejects anything but a working MLArray (for the activations that need an axis). */
export function checkArray(op: string, x: unknown): asserts x is MLArray {
  if (x instanceof MLArray) return checkArrayStorage(op, 'the input', x);
  const why = x instanceof Value ? ` (${op} normalises along an axis, which a single Value does not have)` : hint(x);
  throw new TypeError(`${op}: expected an MLArray, got ${describeArg(x)}${why}`);
}

/**
 * Checks `x` and applies `formula` to it through the ops MLArray and Value share, so
 * one formula serves both types; the result has the input's type (and dtype).
 */
export function compose<T extends Input>(op: string, x: T, formula: (v: Ops) => Ops): T {
  checkInput(op, x);
  return formula(x as unknown as Ops) as unknown as T;
}

/** An MLArray or Value seen through the ops they share (for use inside a {@link compose} formula). */
export function view(x: Input): Ops {
  return x as unknown as Ops;
}
