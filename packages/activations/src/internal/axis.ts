import { type AxisPlan, type MLArray, axisPlan, describeArg, normalizeAxis } from '@smolml/core';

/**
 * The walk over `axis` of `x` (negative counts from the end), through core's
 * `normalizeAxis` and `axisPlan`, so a bad axis reads as it does in every package: a
 * non-number is a TypeError; NaN, a fraction or an axis out of range a RangeError. A
 * 0-d array is treated as one element along axis 0 or -1, as PyTorch does.
 */
export function planAxis(op: string, x: MLArray, axis: unknown): AxisPlan {
  if (typeof axis !== 'number') throw new TypeError(`${op}: axis must be an integer, got ${describeArg(axis)}`);
  const shape = x.ndim === 0 ? [1] : x.shape;
  return axisPlan(shape, normalizeAxis(axis, shape.length, op));
}
