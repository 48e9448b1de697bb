// What a float64 kernel (`*.f64.ts`) needs to know about its dtype. The float32 twins
// import ./float32.ts, its hand-written counterpart, in its place.
import { checkSize } from '../alloc';
import { sizeOf } from '../shape';
import { take64 } from '../pool';
export { release } from '../pool';

/** The dtype of the kernels that import this module. */
export const DTYPE = 'float64';

/** A JS number as this dtype stores it (float64: unchanged). */
export function cast(x: number): number {
  return x;
}

/** A zeroed output buffer for `shape`, after the element-cap check naming `op`. */
export function allocOut(op: string, shape: readonly number[]): Float64Array {
  const n = sizeOf(shape);
  checkSize(op, n, shape, DTYPE);
  return take64(n);
}

/**
 * An output buffer for `shape` whose old contents are unspecified (a reused pool
 * buffer is not zeroed): only for kernels that write every element.
 */
export function allocOutRaw(op: string, shape: readonly number[]): Float64Array {
  const n = sizeOf(shape);
  checkSize(op, n, shape, DTYPE);
  return take64(n, false);
}

/** A zeroed scratch buffer of `n` elements (n bounded by an already checked array). */
export function scratch(n: number): Float64Array {
  return take64(n);
}

export { gemm } from '../ops/gemm';
