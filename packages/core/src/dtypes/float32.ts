// What a float32 kernel (`*.f32.ts`, generated from `*.f64.ts`) needs to know about
// its dtype: see ./float64.ts.
import { checkSize } from '../alloc';
import { sizeOf } from '../shape';

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
  return new Float32Array(n);
}

/** A zeroed scratch buffer of `n` elements (n bounded by an already checked array). */
export function scratch(n: number): Float32Array {
  return new Float32Array(n);
}

// Interim float32 kernel until ops/gemm.ts exports its SIMD gemm32: C += A·B with
// each element accumulated in float32 in k order.
export function gemm(A: Float32Array, aOff: number, B: Float32Array, bOff: number, C: Float32Array, cOff: number, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = Math.fround(0);
      for (let p = 0; p < k; p++) s = Math.fround(s + Math.fround(A[aOff + i * k + p] * B[bOff + p * m + j]));
      C[cOff + i * m + j] += s;
    }
  }
}
