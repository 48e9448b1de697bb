// What a float32 kernel (`*.f32.ts`, generated from `*.f64.ts`) needs to know about
// its dtype: see ./float64.ts.
import { checkSize } from '../alloc';
import { sizeOf } from '../shape';
import { take32 } from '../pool';
export { release } from '../pool';

/** The dtype of the kernels that import this module. */
export const DTYPE = 'float32';

/** A JS number as this dtype stores it: rounded to float32 once, as torch does with a Python scalar. */
export function cast(x: number): number {
  return Math.fround(x);
}

/** A zeroed output buffer for `shape`, after the element-cap check naming `op`. */
export function allocOut(op: string, shape: readonly number[]): Float32Array {
  const n = sizeOf(shape);
  checkSize(op, n, shape, DTYPE);
  return take32(n);
}

/**
 * An output buffer for `shape` whose old contents are unspecified (a reused pool
 * buffer is not zeroed): only for kernels that write every element.
 */
export function allocOutRaw(op: string, shape: readonly number[]): Float32Array {
  const n = sizeOf(shape);
  checkSize(op, n, shape, DTYPE);
  return take32(n, false);
}

/** A zeroed scratch buffer of `n` elements (n bounded by an already checked array). */
export function scratch(n: number): Float32Array {
  return take32(n);
}

export { gemm32 as gemm } from '../ops/gemm';
