// The small vocabulary every SmolML package speaks, exported once by core so a mistake
// reads the same in every package.
import { describeArg as describe, fmtShape } from './errors';
import { normalizeAxis as normalize } from './shape';

/**
 * `[2, 3]` as SmolML writes a shape in messages.
 * @example formatShape([2, 3]); // '[2, 3]'
 */
export function formatShape(shape: readonly number[]): string {
  return fmtShape(shape);
}

/**
 * How a wrong argument is named in error messages: `'a string'`, `'null'`, `'a plain array'`, `'a Float32Array'`…
 * @example describeArg('x'); // 'a string'
 */
export function describeArg(x: unknown): string {
  return describe(x);
}

/**
 * Maps a possibly negative `axis` into `[0, ndim)`, or throws a RangeError naming `op`.
 * @example normalizeAxis(-1, 3, 'softmax'); // 2
 */
export function normalizeAxis(axis: number, ndim: number, op = 'normalizeAxis'): number {
  return normalize(op, axis, ndim);
}

/** The walk over one axis of a row-major array: `outer` blocks of `n` runs of `inner` contiguous elements. */
export interface AxisPlan {
  /** Product of the dimensions before the axis. */
  outer: number;
  /** Length of the axis. */
  n: number;
  /** Product of the dimensions after the axis (the axis' stride). */
  inner: number;
}

/**
 * The `{ outer, n, inner }` plan for reducing or scanning `shape` along `axis` (already
 * normalised): element `(o, i, j)` is at flat index `(o * n + i) * inner + j`.
 *
 * @example axisPlan([2, 3, 4], 1); // { outer: 2, n: 3, inner: 4 }
 */
export function axisPlan(shape: readonly number[], axis: number): AxisPlan {
  let outer = 1, inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return { outer, n: shape[axis], inner };
}
