import { MLArray, ShapeError } from '@smolml/core';
import { checkReduction, type Reduction } from '../reduction';

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Rejects anything but an MLArray, naming the argument. */
export function checkArray(op: string, what: string, x: unknown): asserts x is MLArray {
  if (!(x instanceof MLArray)) {
    const got = x === null ? 'null' : Array.isArray(x) ? 'a plain array (wrap it: new MLArray(...))' : typeof x;
    throw new TypeError(`${op}: ${what} must be an MLArray, got ${got}`);
  }
}

/** yPred and yTrue as MLArrays of the same shape, or a ShapeError naming both shapes. */
export function checkPair(op: string, yPred: unknown, yTrue: unknown): asserts yPred is MLArray {
  checkArray(op, 'yPred', yPred);
  checkArray(op, 'yTrue', yTrue);
  const a = yPred.shape, b = (yTrue as MLArray).shape;
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ShapeError(op, `yPred shape ${fmt(a)} does not match yTrue shape ${fmt(b)}`, [a, b]);
  }
}

/** A ShapeError unless `x` has at least one axis (the class axis). */
export function checkHasClassAxis(op: string, x: MLArray): void {
  if (x.ndim === 0) {
    throw new ShapeError(op, `expected classes on the last axis, got a 0-d array`, [x.shape]);
  }
}

/**
 * Reads an options object: rejects keys it does not know (a misspelt option must not
 * be silently ignored) and returns the checked reduction.
 */
export function readOptions(op: string, options: unknown, known: readonly string[]): Reduction {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${op}: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'reduction' && !known.includes(key)) {
      throw new RangeError(`${op}: unknown option '${key}'; expected ${['reduction', ...known].join(', ')}`);
    }
  }
  const reduction = (options as { reduction?: unknown }).reduction ?? 'mean';
  checkReduction(op, reduction);
  return reduction;
}

/** A RangeError unless every element of `x` lies in [lo, hi] (NaN included), naming the first that does not. */
export function checkRange(op: string, what: string, x: MLArray, lo: number, hi: number, hint = ''): void {
  const d = x.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (!(v >= lo && v <= hi)) {
      throw new RangeError(`${op}: ${what} must lie in [${lo}, ${hi}], got ${v} at flat index ${i}${hint}`);
    }
  }
}

/** A RangeError unless 0 < eps < 0.5. */
export function checkEps(op: string, eps: unknown): asserts eps is number {
  if (typeof eps !== 'number' || !(eps > 0 && eps < 0.5)) {
    throw new RangeError(`${op}: eps must be a number in (0, 0.5), got ${String(eps)}`);
  }
}

/** A RangeError unless 0 ≤ labelSmoothing ≤ 1. */
export function checkLabelSmoothing(op: string, s: unknown): asserts s is number {
  if (typeof s !== 'number' || !(s >= 0 && s <= 1)) {
    throw new RangeError(`${op}: labelSmoothing must be a number in [0, 1], got ${String(s)}`);
  }
}
