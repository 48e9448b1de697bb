import type { MLArray } from '@smolml/core';
import { checkInteger } from './check';

/**
 * How an axis splits a row-major array: the elements along the axis for position
 * (o, k) sit at `o·n·inner + j·inner + k` for j < n. The last axis is inner = 1.
 */
export interface AxisPlan {
  outer: number;
  n: number;
  inner: number;
}

/**
 * Plans a reduction-like pass over `axis` (negative counts from the end). A 0-d array
 * is treated as one element along axis 0 or -1, as PyTorch does.
 */
export function planAxis(op: string, x: MLArray, axis: number): AxisPlan {
  checkInteger(op, 'axis', axis);
  const shape = x.ndim === 0 ? [1] : x.shape;
  const nd = shape.length;
  if (axis < -nd || axis >= nd) {
    throw new RangeError(`${op}: axis ${axis} is out of range for an array of shape [${x.shape.join(', ')}]; expected an integer in [${-nd}, ${nd - 1}]`);
  }
  const ax = axis < 0 ? axis + nd : axis;
  let outer = 1, inner = 1;
  for (let d = 0; d < ax; d++) outer *= shape[d];
  for (let d = ax + 1; d < nd; d++) inner *= shape[d];
  return { outer, n: shape[ax], inner };
}
