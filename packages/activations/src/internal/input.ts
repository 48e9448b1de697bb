import { MLArray, Value } from '@smolml/core';

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

/** Rejects anything but an MLArray or a Value, naming the activation. */
export function checkInput(op: string, x: unknown): asserts x is Input {
  if (!(x instanceof MLArray) && !(x instanceof Value)) {
    throw new TypeError(`${op}: expected an MLArray or a Value, got ${describe(x)}`);
  }
}

/** Rejects anything but an MLArray (for the activations that need an axis). */
export function checkArray(op: string, x: unknown): asserts x is MLArray {
  if (!(x instanceof MLArray)) {
    const hint = x instanceof Value ? ` (${op} normalises along an axis, which a single Value does not have)` : '';
    throw new TypeError(`${op}: expected an MLArray, got ${describe(x)}${hint}`);
  }
}

/**
 * Checks `x` and applies `formula` to it through the ops MLArray and Value share, so
 * one formula serves both types; the result has the input's type.
 */
export function compose<T extends Input>(op: string, x: T, formula: (v: Ops) => Ops): T {
  checkInput(op, x);
  return formula(x as unknown as Ops) as unknown as T;
}

/** An MLArray or Value seen through the ops they share (for use inside a {@link compose} formula). */
export function view(x: Input): Ops {
  return x as unknown as Ops;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof Value) return 'a Value';
  if (Array.isArray(x)) return 'a plain array (wrap it: new MLArray(...))';
  if (typeof x === 'number') return 'a number (wrap it: new Value(x) or new MLArray(x))';
  return typeof x === 'object' ? `an object (${(x as object).constructor?.name ?? 'no constructor'})` : typeof x;
}
