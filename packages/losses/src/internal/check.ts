import { type DType, MLArray, ShapeError, describeArg, formatShape } from '@smolml/core';
import { checkReduction, type Reduction } from '../reduction';

/**
 * Why `x`, which passed core's `instanceof MLArray` (the brand, a typed float storage
 * whose length fits its shape), still cannot work as an array, or null when it can: a
 * forged object with valid storage but without the methods a loss calls would fail with
 * "is not a function".
 */
function arrayDefect(x: MLArray): string | null {
  if (typeof x.sub !== 'function' || typeof x.sum !== 'function' || typeof x.astype !== 'function') return 'it has no MLArray methods';
  return null;
}

/** Rejects anything but a working MLArray, naming the argument. */
export function checkArray(op: string, what: string, x: unknown): asserts x is MLArray {
  if (!(x instanceof MLArray)) {
    const hint = Array.isArray(x) ? ' (wrap it: new MLArray(...))' : '';
    throw new TypeError(`${op}: ${what} must be an MLArray, got ${describeArg(x)}${hint}`);
  }
  const defect = arrayDefect(x);
  if (defect !== null) throw new TypeError(`${op}: ${what} carries the MLArray brand but is not an MLArray: ${defect}`);
}

/** yPred and yTrue as MLArrays of the same shape, or a ShapeError naming both shapes. */
export function checkPair(op: string, yPred: unknown, yTrue: unknown): asserts yPred is MLArray {
  checkArray(op, 'yPred', yPred);
  checkArray(op, 'yTrue', yTrue);
  const a = yPred.shape, b = (yTrue as MLArray).shape;
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ShapeError(op, `yPred shape ${formatShape(a)} does not match yTrue shape ${formatShape(b)}`, [a, b]);
  }
}

/**
 * The two arguments of a loss in their common dtype, by PyTorch's `result_type`: of two
 * arrays of one shape, float64 wins if either is float64 (so float64 labels promote a
 * float32 loss). The cast is differentiable and a no-op when the dtypes agree.
 */
export function promotePair(yPred: MLArray, yTrue: MLArray): [MLArray, MLArray] {
  if (yPred.dtype === yTrue.dtype) return [yPred, yTrue];
  return [yPred.astype('float64'), yTrue.astype('float64')];
}

/** A number parameter in `dtype`: rounded to float32 for float32 arrays, as PyTorch converts a scalar argument. */
export function inDType(dtype: DType, v: number): number {
  return dtype === 'float32' ? Math.fround(v) : v;
}

/**
 * The upper clip `1 − eps` of a probability in `dtype`. In float32, 1 − eps rounds to 1
 * for eps below 2⁻²⁵ (the default 1e-15 included), which would let log(1 − p) reach
 * log 0; there the bound is the largest float32 below 1, 1 − 2⁻²⁴.
 */
export function upperClip(dtype: DType, eps: number): number {
  const hi = 1 - eps;
  return dtype === 'float32' && Math.fround(hi) === 1 ? 1 - 2 ** -24 : hi;
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
    throw new TypeError(`${op}: options must be an object, got ${describeArg(options)}`);
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

/** A TypeError unless `v` is a number. */
export function checkNumber(op: string, what: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') throw new TypeError(`${op}: ${what} must be a number, got ${describeArg(v)}`);
}

/** A RangeError unless 0 < eps < 0.5 (a TypeError for a non-number). */
export function checkEps(op: string, eps: unknown): asserts eps is number {
  checkNumber(op, 'eps', eps);
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`${op}: eps must be a number in (0, 0.5), got ${eps}`);
}

/** A RangeError unless 0 ≤ labelSmoothing ≤ 1 (a TypeError for a non-number). */
export function checkLabelSmoothing(op: string, s: unknown): asserts s is number {
  checkNumber(op, 'labelSmoothing', s);
  if (!(s >= 0 && s <= 1)) throw new RangeError(`${op}: labelSmoothing must be a number in [0, 1], got ${s}`);
}

/** A RangeError unless `v` is a finite number greater than 0 (a TypeError for a non-number). */
export function checkPositive(op: string, what: string, v: unknown): asserts v is number {
  checkNumber(op, what, v);
  if (!(v > 0 && v < Infinity)) throw new RangeError(`${op}: ${what} must be a finite number greater than 0, got ${v}`);
}
