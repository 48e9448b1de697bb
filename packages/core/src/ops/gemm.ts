// The float64 matrix-multiply kernel behind matmul and its backward pass.
//
// C[n×m] += A[n×k] · B[k×m], all row-major and contiguous, at the given offsets.
// Products large enough to repay copying their operands run in the WebAssembly SIMD
// kernel (../wasm/gemm-wasm.ts), elsewhere in the JavaScript kernel below. Both compute
// every element of C as the same sum in the same order, so they agree to the last bit.
//
// In the JavaScript kernel, B is first packed into panels of 4 columns ([k][4],
// zero-padded), so the inner loop reads two sequential streams (4 rows of A, one panel
// of B) and keeps a 4×4 block of C in 16 local accumulators. That register tiling is
// what lifts plain JavaScript from ~1 GFLOP/s (naive triple loop) to ~4-5 GFLOP/s; the
// WebAssembly kernel does the same in f64x2 registers, two columns per instruction.

import { gemmWasm, wasmGemmAvailable } from '../wasm/gemm-wasm';

/** Which kernel runs large matrix products. */
export type GemmKernel = 'wasm-simd' | 'js';

// Below about this many multiply-adds, copying the operands into WebAssembly memory
// costs more than the faster kernel saves (measured: the two break even near 8×8×8).
const WASM_MIN_MACS = 8 * 8 * 8;

// The switch lives on globalThis, like the default Rng, so that setGemmKernel reaches
// every loaded copy of core (an app may load both the CommonJS and the ESM build).
const JS_ONLY = Symbol.for('smolml.gemm.jsOnly');
const shared = globalThis as { [JS_ONLY]?: boolean };

/**
 * The kernel that runs large matrix products: `'wasm-simd'` where the engine supports
 * WebAssembly SIMD (Node.js 16.4+, current browsers), `'js'` elsewhere or when forced.
 */
export function gemmKernel(): GemmKernel {
  return shared[JS_ONLY] !== true && wasmGemmAvailable() ? 'wasm-simd' : 'js';
}

/**
 * Chooses the matrix-product kernel: `'js'` forces the pure-JavaScript one (for
 * comparisons and debugging), `'auto'` uses WebAssembly SIMD where available. Results
 * are bit-identical either way; only speed changes.
 */
export function setGemmKernel(kernel: 'auto' | 'js'): void {
  if (kernel !== 'auto' && kernel !== 'js') throw new RangeError(`setGemmKernel: expected 'auto' or 'js', got ${String(kernel)}`);
  shared[JS_ONLY] = kernel === 'js';
}

/** C[n×m] += A[n×k] · B[k×m] (row-major, at the given offsets), in the fastest kernel available. */
export function gemm(
  A: Float64Array, aOff: number,
  B: Float64Array, bOff: number,
  C: Float64Array, cOff: number,
  n: number, k: number, m: number,
): void {
  if (shared[JS_ONLY] !== true && n * k * m >= WASM_MIN_MACS && gemmWasm(A, aOff, B, bOff, C, cOff, n, k, m)) return;
  gemmJs(A, aOff, B, bOff, C, cOff, n, k, m);
}

let packBuf = new Float64Array(0);

function packB(B: Float64Array, bOff: number, k: number, m: number): Float64Array {
  const panels = (m + 3) >> 2;
  const need = panels * k * 4;
  // Reused between calls: JavaScript runs one kernel at a time, so sharing is safe.
  if (packBuf.length < need) packBuf = new Float64Array(need);
  const P = packBuf;
  for (let jb = 0; jb < panels; jb++) {
    const j0 = jb * 4;
    const w = Math.min(4, m - j0);
    let dst = jb * k * 4;
    if (w === 4) {
      for (let p = 0; p < k; p++, dst += 4) {
        const src = bOff + p * m + j0;
        P[dst] = B[src];
        P[dst + 1] = B[src + 1];
        P[dst + 2] = B[src + 2];
        P[dst + 3] = B[src + 3];
      }
    } else {
      for (let p = 0; p < k; p++, dst += 4) {
        const src = bOff + p * m + j0;
        for (let t = 0; t < 4; t++) P[dst + t] = t < w ? B[src + t] : 0;
      }
    }
  }
  return P;
}

/** The pure-JavaScript kernel: C[n×m] += A[n×k] · B[k×m]. */
export function gemmJs(
  A: Float64Array, aOff: number,
  B: Float64Array, bOff: number,
  C: Float64Array, cOff: number,
  n: number, k: number, m: number,
): void {
  if (n === 0 || m === 0 || k === 0) return;
  const P = packB(B, bOff, k, m);
  const panels = (m + 3) >> 2;
  const n4 = n - (n % 4);
  for (let jb = 0; jb < panels; jb++) {
    const j0 = jb * 4;
    const w = Math.min(4, m - j0);
    const pOff = jb * k * 4;
    let i = 0;
    for (; i < n4; i += 4) {
      const a0 = aOff + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, q = pOff; p < k; p++, q += 4) {
        const b0 = P[q], b1 = P[q + 1], b2 = P[q + 2], b3 = P[q + 3];
        const x0 = A[a0 + p], x1 = A[a1 + p], x2 = A[a2 + p], x3 = A[a3 + p];
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
      }
      const r0 = cOff + i * m + j0, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m;
      if (w === 4) {
        C[r0] += c00; C[r0 + 1] += c01; C[r0 + 2] += c02; C[r0 + 3] += c03;
        C[r1] += c10; C[r1 + 1] += c11; C[r1 + 2] += c12; C[r1 + 3] += c13;
        C[r2] += c20; C[r2 + 1] += c21; C[r2 + 2] += c22; C[r2 + 3] += c23;
        C[r3] += c30; C[r3 + 1] += c31; C[r3 + 2] += c32; C[r3 + 3] += c33;
      } else {
        C[r0] += c00; C[r1] += c10; C[r2] += c20; C[r3] += c30;
        if (w > 1) { C[r0 + 1] += c01; C[r1 + 1] += c11; C[r2 + 1] += c21; C[r3 + 1] += c31; }
        if (w > 2) { C[r0 + 2] += c02; C[r1 + 2] += c12; C[r2 + 2] += c22; C[r3 + 2] += c32; }
      }
    }
    for (; i < n; i++) {
      const a0 = aOff + i * k;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let p = 0, q = pOff; p < k; p++, q += 4) {
        const x0 = A[a0 + p];
        c0 += x0 * P[q]; c1 += x0 * P[q + 1]; c2 += x0 * P[q + 2]; c3 += x0 * P[q + 3];
      }
      const r0 = cOff + i * m + j0;
      C[r0] += c0;
      if (w > 1) C[r0 + 1] += c1;
      if (w > 2) C[r0 + 2] += c2;
      if (w > 3) C[r0 + 3] += c3;
    }
  }
}

/** The transpose of each of `batch` row-major [r×c] matrices, as [c×r]. */
export function transposeBatch(X: Float64Array, batch: number, r: number, c: number): Float64Array {
  const out = new Float64Array(batch * r * c);
  for (let b = 0; b < batch; b++) {
    const off = b * r * c;
    for (let i = 0; i < r; i++) {
      const row = off + i * c;
      for (let j = 0; j < c; j++) out[off + j * r + i] = X[row + j];
    }
  }
  return out;
}
