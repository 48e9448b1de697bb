// The matrix-multiply kernels behind matmul and its backward pass, for float64 (`gemm`)
// and float32 (`gemm32`).
//
// C[n×m] += A[n×k] · B[k×m], all row-major and contiguous, at the given offsets. Products
// large enough to repay copying their operands run in the WebAssembly SIMD kernel
// (../wasm/gemm-wasm.ts); a row vector times a matrix (n = 1) or a matrix times a column
// (m = 1) where packing would be a loss, in a plain loop that needs none; everything
// else in the packing JavaScript kernel (the thresholds, measured, are below). Every kernel computes each element of C as the same sums in the same
// order: k is cut into blocks at boundaries chosen from k alone (../wasm/gemm-blocking.ts;
// one block up to 16384), and per block s = 0; s += A[i][p]·B[p][j] for p in order;
// C[i][j] += s. In float32 every product and sum is rounded to float32 (the JavaScript
// kernels with Math.fround, exact emulation since a double holds a float32 product
// exactly and rounding a double sum of two float32s to float32 is the float32 sum), with
// no fused multiply-add. So the kernels agree to the last bit, in both dtypes.
//
// In the packing JavaScript kernel, B is packed one panel of 4 columns at a time ([k][4],
// zero-padded), so the inner loop reads two sequential streams (4 rows of A, one panel of
// B) and keeps a 4×4 block of C in 16 local accumulators. That register tiling is what
// lifts plain JavaScript from ~1 GFLOP/s (naive triple loop) to ~4-5 GFLOP/s; the
// WebAssembly kernel does the same in SIMD registers.

import { kBlock } from '../wasm/gemm-blocking';
import { release, take32, take64 } from '../pool';
import { gemmWasm, gemmWasm32, wasmGemmAvailable } from '../wasm/gemm-wasm';

/** Which kernel runs large matrix products. */
export type GemmKernel = 'wasm-simd' | 'js';

// Where each kernel wins, measured on x86-64 (node bench/gemm.mjs --small):
// - Below about these many multiply-adds, copying the operands into WebAssembly memory
//   costs more than the faster kernel saves: the packing JS kernel and the WebAssembly
//   one break even near 8×8×8 in float64 and 7×7×7 in float32 (whose JS kernel pays for
//   Math.fround).
// - A row vector times a matrix (n = 1) uses each element of B once, so copying and
//   packing B is a loss: in float64 the plain loop beats the WebAssembly kernel at every
//   size (by 1.3-3×). A matrix times a column (m = 1) loses only while small: past ~2048
//   multiply-adds the WebAssembly kernel wins even though it fills one of four lanes.
// - In float32 the plain loop's roundings cost more than copying half the bytes: it wins
//   only up to ~512 multiply-adds, either way round.
const WASM_MIN_MACS = 8 * 8 * 8;
const WASM_MIN_MACS_32 = 7 * 7 * 7;
const PLAIN_MAX_COLUMN_MACS = 2048;
const PLAIN_MAX_MACS_32 = 512;

// The switch lives on globalThis, like the default Rng, so that setGemmKernel reaches
// every loaded copy of core (an app may load both the CommonJS and the ESM build).
const JS_ONLY = Symbol.for('smolml.gemm.jsOnly');
const shared = globalThis as { [JS_ONLY]?: boolean };

/** @internal Whether setGemmKernel('js') forced the JavaScript kernels (matmul's and the elementwise ones). */
export function jsKernelsForced(): boolean {
  return shared[JS_ONLY] === true;
}

/**
 * The kernel that runs large matrix products: `'wasm-simd'` where the engine supports
 * WebAssembly SIMD (Node.js 16.4+, current browsers), `'js'` elsewhere or when forced.
 *
 * @example gemmKernel(); // 'wasm-simd' on Node.js 20
 */
export function gemmKernel(): GemmKernel {
  return shared[JS_ONLY] !== true && wasmGemmAvailable() ? 'wasm-simd' : 'js';
}

/**
 * Chooses the matrix-product kernel, for float64 and float32 alike: `'js'` forces the
 * pure-JavaScript one (for comparisons and debugging), `'auto'` uses WebAssembly SIMD
 * where available. The same switch governs the other WebAssembly SIMD kernels: the
 * elementwise + − × ÷, maximum, minimum, relu and sqrt passes (and some gradient accumulations) on arrays of 128 elements or more, and the Adam
 * update ({@link adamUpdateSimd}). Results are bit-identical either way; only speed changes.
 *
 * @example setGemmKernel('js'); a.matmul(b); setGemmKernel('auto');
 */
export function setGemmKernel(kernel: 'auto' | 'js'): void {
  if (kernel !== 'auto' && kernel !== 'js') throw new RangeError(`setGemmKernel: expected 'auto' or 'js', got ${String(kernel)}`);
  shared[JS_ONLY] = kernel === 'js';
}

// The operands must hold what the shapes say: a short array would otherwise read as
// zeros (subarray clamps) or as stale WebAssembly memory. Internal callers pass checked
// arrays, so this is three comparisons of defence, not validation of user input.
function checkExtent(name: string, A: ArrayLike<number>, aOff: number, B: ArrayLike<number>, bOff: number,
  C: ArrayLike<number>, cOff: number, n: number, k: number, m: number): void {
  if (aOff + n * k > A.length || bOff + k * m > B.length || cOff + n * m > C.length) {
    throw new RangeError(`${name}: operands too short for [${n}×${k}]·[${k}×${m}] at offsets ${aOff}, ${bOff}, ${cOff} (lengths ${A.length}, ${B.length}, ${C.length})`);
  }
}

// out = the transpose of row-major X[r×c] at `off`, as [c×r]: the fallback for a
// transposed operand where the WebAssembly kernel does not run. One copy per dtype, so
// each loop sees one typed-array kind.
function transposed64(X: Float64Array, off: number, r: number, c: number): Float64Array {
  const out = take64(r * c, false);
  for (let i = 0; i < r; i++) {
    const row = off + i * c;
    for (let j = 0; j < c; j++) out[j * r + i] = X[row + j];
  }
  return out;
}

function transposed32(X: Float32Array, off: number, r: number, c: number): Float32Array {
  const out = take32(r * c, false);
  for (let i = 0; i < r; i++) {
    const row = off + i * c;
    for (let j = 0; j < c; j++) out[j * r + i] = X[row + j];
  }
  return out;
}

/**
 * C[n×m] += A[n×k] · B[k×m] in float64 (row-major, at the given offsets), in the fastest
 * kernel available; with `accumulate` false, C = A·B (C's old contents are ignored,
 * which spares copying them into the WebAssembly kernel; same bits as accumulating into
 * zeros). With `transA` (`transB`), A (B) is given as its transpose, [k×n] ([m×k]): the
 * WebAssembly kernel packs it straight from there, the others multiply a transposed copy;
 * the same bits either way (matmul's backward pass uses this).
 *
 * @example
 * const C = new Float64Array(4);
 * gemm(new Float64Array([1, 2, 3, 4]), 0, new Float64Array([5, 6, 7, 8]), 0, C, 0, 2, 2, 2);
 * // C = [19, 22, 43, 50]
 */
export function gemm(
  A: Float64Array, aOff: number,
  B: Float64Array, bOff: number,
  C: Float64Array, cOff: number,
  n: number, k: number, m: number,
  accumulate = true,
  transA = false, transB = false,
): void {
  checkExtent('gemm', A, aOff, B, bOff, C, cOff, n, k, m);
  const wasm = shared[JS_ONLY] !== true;
  if (transA || transB) {
    // Where the plain call would run the WebAssembly kernel, it packs the transposes itself.
    if (wasm && n > 1 && m > 1 && n * k * m >= WASM_MIN_MACS && gemmWasm(A, aOff, B, bOff, C, cOff, n, k, m, accumulate, transA, transB)) return;
    const At = transA ? transposed64(A, aOff, k, n) : A;
    const Bt = transB ? transposed64(B, bOff, m, k) : B;
    gemm(At, transA ? 0 : aOff, Bt, transB ? 0 : bOff, C, cOff, n, k, m, accumulate);
    if (transA) release(At);
    if (transB) release(Bt);
    return;
  }
  if (n === 1 || (m === 1 && (!wasm || n * k <= PLAIN_MAX_COLUMN_MACS))) {
    gemmVecJs(A, aOff, B, bOff, C, cOff, n, k, m, accumulate);
  } else if (!(wasm && n * k * m >= WASM_MIN_MACS && gemmWasm(A, aOff, B, bOff, C, cOff, n, k, m, accumulate))) {
    gemmJs(A, aOff, B, bOff, C, cOff, n, k, m, accumulate);
  }
}

/**
 * C[n×m] += A[n×k] · B[k×m] in float32: {@link gemm} for Float32Arrays. Every product
 * and partial sum is rounded to float32, in the fixed order described above, so the
 * WebAssembly f32x4 kernel and the JavaScript fallback give the same bits.
 *
 * @example
 * const C = new Float32Array(2);
 * gemm32(new Float32Array([1, 2]), 0, new Float32Array([3, 4, 5, 6]), 0, C, 0, 1, 2, 2);
 * // C = [13, 16]
 */
export function gemm32(
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  n: number, k: number, m: number,
  accumulate = true,
  transA = false, transB = false,
): void {
  checkExtent('gemm32', A, aOff, B, bOff, C, cOff, n, k, m);
  const wasm = shared[JS_ONLY] !== true;
  if (transA || transB) {
    // Where the plain call would run the WebAssembly kernel, it packs the transposes itself.
    if (wasm && n > 1 && m > 1 && n * k * m >= WASM_MIN_MACS_32 && gemmWasm32(A, aOff, B, bOff, C, cOff, n, k, m, accumulate, transA, transB)) return;
    const At = transA ? transposed32(A, aOff, k, n) : A;
    const Bt = transB ? transposed32(B, bOff, m, k) : B;
    gemm32(At, transA ? 0 : aOff, Bt, transB ? 0 : bOff, C, cOff, n, k, m, accumulate);
    if (transA) release(At);
    if (transB) release(Bt);
    return;
  }
  if ((n === 1 || m === 1) && (!wasm || n * k * m <= PLAIN_MAX_MACS_32)) {
    gemmVecJs32(A, aOff, B, bOff, C, cOff, n, k, m, accumulate);
  } else if (!(wasm && n * k * m >= WASM_MIN_MACS_32 && gemmWasm32(A, aOff, B, bOff, C, cOff, n, k, m, accumulate))) {
    gemmJs32(A, aOff, B, bOff, C, cOff, n, k, m, accumulate);
  }
}

// ---------------------------------------------------------------------------------------
// The packing JavaScript kernels. One panel of B is packed at a time, so the pack buffer
// never exceeds one block of k by 4 columns (512 KB in float64), whatever
// the shapes.

let pack64 = new Float64Array(0);
let pack32 = new Float32Array(0);

/**
 * The pure-JavaScript float64 kernel: C[n×m] += A[n×k] · B[k×m] (C = A·B without
 * `accumulate`), bit-identical to the WebAssembly one.
 *
 * @example gemmJs(A, 0, B, 0, C, 0, n, k, m); // same bits as gemmWasm(A, 0, B, 0, C, 0, n, k, m)
 */
export function gemmJs(
  A: Float64Array, aOff: number,
  B: Float64Array, bOff: number,
  C: Float64Array, cOff: number,
  n: number, k: number, m: number,
  accumulate = true,
): void {
  if (n === 0 || m === 0) return;
  // Not accumulating equals accumulating into zeros, bit for bit: a sum that starts at +0
  // is never -0, so 0 + s is s.
  if (!accumulate) C.fill(0, cOff, cOff + n * m);
  if (k === 0) return;
  const kc = kBlock(k);
  if (pack64.length < kc * 4) pack64 = new Float64Array(kc * 4);
  for (let p0 = 0; p0 < k; p0 += kc) blockJs(A, aOff + p0, k, B, bOff + p0 * m, C, cOff, n, Math.min(kc, k - p0), m, pack64);
}

// C[n×m] += A[n×kb] · B[kb×m] for one block of k: A's rows are `lda` apart.
function blockJs(
  A: Float64Array, aOff: number, lda: number,
  B: Float64Array, bOff: number,
  C: Float64Array, cOff: number,
  n: number, kb: number, m: number,
  P: Float64Array,
): void {
  const n4 = n - (n % 4);
  for (let j0 = 0; j0 < m; j0 += 4) {
    const w = Math.min(4, m - j0);
    // Pack B[0..kb][j0..j0+w] as [kb][4], zero-padded.
    for (let p = 0, src = bOff + j0, dst = 0; p < kb; p++, src += m, dst += 4) {
      P[dst] = B[src];
      P[dst + 1] = w > 1 ? B[src + 1] : 0;
      P[dst + 2] = w > 2 ? B[src + 2] : 0;
      P[dst + 3] = w > 3 ? B[src + 3] : 0;
    }
    let i = 0;
    for (; i < n4; i += 4) {
      const a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, q = 0; p < kb; p++, q += 4) {
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
      const a0 = aOff + i * lda;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let p = 0, q = 0; p < kb; p++, q += 4) {
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

/**
 * The pure-JavaScript float32 kernel, {@link gemmJs} with every product and sum rounded
 * to float32 by Math.fround: the WebAssembly f32x4 kernel's arithmetic, bit for bit.
 *
 * @example gemmJs32(A, 0, B, 0, C, 0, n, k, m); // same bits as gemmWasm32(A, 0, B, 0, C, 0, n, k, m)
 */
export function gemmJs32(
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  n: number, k: number, m: number,
  accumulate = true,
): void {
  if (n === 0 || m === 0) return;
  if (!accumulate) C.fill(0, cOff, cOff + n * m);
  if (k === 0) return;
  const kc = kBlock(k);
  if (pack32.length < kc * 4) pack32 = new Float32Array(kc * 4);
  for (let p0 = 0; p0 < k; p0 += kc) blockJs32(A, aOff + p0, k, B, bOff + p0 * m, C, cOff, n, Math.min(kc, k - p0), m, pack32);
}

const fr = Math.fround;

function blockJs32(
  A: Float32Array, aOff: number, lda: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  n: number, kb: number, m: number,
  P: Float32Array,
): void {
  const n4 = n - (n % 4);
  for (let j0 = 0; j0 < m; j0 += 4) {
    const w = Math.min(4, m - j0);
    for (let p = 0, src = bOff + j0, dst = 0; p < kb; p++, src += m, dst += 4) {
      P[dst] = B[src];
      P[dst + 1] = w > 1 ? B[src + 1] : 0;
      P[dst + 2] = w > 2 ? B[src + 2] : 0;
      P[dst + 3] = w > 3 ? B[src + 3] : 0;
    }
    let i = 0;
    for (; i < n4; i += 4) {
      const a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, q = 0; p < kb; p++, q += 4) {
        const b0 = P[q], b1 = P[q + 1], b2 = P[q + 2], b3 = P[q + 3];
        const x0 = A[a0 + p], x1 = A[a1 + p], x2 = A[a2 + p], x3 = A[a3 + p];
        c00 = fr(c00 + fr(x0 * b0)); c01 = fr(c01 + fr(x0 * b1)); c02 = fr(c02 + fr(x0 * b2)); c03 = fr(c03 + fr(x0 * b3));
        c10 = fr(c10 + fr(x1 * b0)); c11 = fr(c11 + fr(x1 * b1)); c12 = fr(c12 + fr(x1 * b2)); c13 = fr(c13 + fr(x1 * b3));
        c20 = fr(c20 + fr(x2 * b0)); c21 = fr(c21 + fr(x2 * b1)); c22 = fr(c22 + fr(x2 * b2)); c23 = fr(c23 + fr(x2 * b3));
        c30 = fr(c30 + fr(x3 * b0)); c31 = fr(c31 + fr(x3 * b1)); c32 = fr(c32 + fr(x3 * b2)); c33 = fr(c33 + fr(x3 * b3));
      }
      // A Float32Array store rounds, so C[r] += c is C[r] = fround(C[r] + c).
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
      const a0 = aOff + i * lda;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let p = 0, q = 0; p < kb; p++, q += 4) {
        const x0 = A[a0 + p];
        c0 = fr(c0 + fr(x0 * P[q])); c1 = fr(c1 + fr(x0 * P[q + 1])); c2 = fr(c2 + fr(x0 * P[q + 2])); c3 = fr(c3 + fr(x0 * P[q + 3]));
      }
      const r0 = cOff + i * m + j0;
      C[r0] += c0;
      if (w > 1) C[r0 + 1] += c1;
      if (w > 2) C[r0 + 2] += c2;
      if (w > 3) C[r0 + 3] += c3;
    }
  }
}

// ---------------------------------------------------------------------------------------
// The plain loops for a row vector times a matrix (n = 1) and a matrix times a column
// (m = 1). There each element of B is used once, so packing it (or copying it into
// WebAssembly memory) costs as much as the product. Same blocks, same order per element.

// Partial sums of one row of C, a chunk of columns at a time (bounded scratch).
const ROW_CHUNK = 2048;
const rowSums = new Float64Array(ROW_CHUNK);

/**
 * C[n×m] += A[n×k] · B[k×m] for n = 1 or m = 1, without packing (any n, m work; larger
 * ones are slow): same blocks and order per element as the other kernels.
 *
 * @example gemmVecJs(x, 0, W, 0, y, 0, 1, k, m); // y[1×m] += x[1×k] · W[k×m]
 */
export function gemmVecJs(
  A: Float64Array, aOff: number,
  B: Float64Array, bOff: number,
  C: Float64Array, cOff: number,
  n: number, k: number, m: number,
  accumulate = true,
): void {
  if (n === 0 || m === 0) return;
  if (!accumulate) C.fill(0, cOff, cOff + n * m);
  if (k === 0) return;
  const kc = kBlock(k);
  for (let p0 = 0; p0 < k; p0 += kc) {
    const kb = Math.min(kc, k - p0);
    if (m === 1) colBlock(A, aOff + p0, k, B, bOff + p0, C, cOff, n, kb);
    else for (let i = 0; i < n; i++) rowBlock(A, aOff + i * k + p0, B, bOff + p0 * m, C, cOff + i * m, kb, m);
  }
}

// C[0..m] += a[0..kb] · B[kb×m]: axpy over rows of B into partial sums, four rows a pass
// (each partial sum still takes its products in order p, p+1, p+2, p+3).
function rowBlock(A: Float64Array, aOff: number, B: Float64Array, bOff: number, C: Float64Array, cOff: number, kb: number, m: number): void {
  const S = rowSums;
  const k4 = kb - (kb % 4);
  for (let j0 = 0; j0 < m; j0 += ROW_CHUNK) {
    const w = Math.min(ROW_CHUNK, m - j0);
    S.fill(0, 0, w);
    let p = 0;
    for (; p < k4; p += 4) {
      const x0 = A[aOff + p], x1 = A[aOff + p + 1], x2 = A[aOff + p + 2], x3 = A[aOff + p + 3];
      const b0 = bOff + p * m + j0, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      for (let j = 0; j < w; j++) {
        let s = S[j];
        s += x0 * B[b0 + j];
        s += x1 * B[b1 + j];
        s += x2 * B[b2 + j];
        s += x3 * B[b3 + j];
        S[j] = s;
      }
    }
    for (; p < kb; p++) {
      const x0 = A[aOff + p], b0 = bOff + p * m + j0;
      for (let j = 0; j < w; j++) S[j] += x0 * B[b0 + j];
    }
    for (let j = 0; j < w; j++) C[cOff + j0 + j] += S[j];
  }
}

// C[0..n] += A[n×kb] · b[0..kb] (rows of A `lda` apart): dot products, four rows at a
// time so that four independent sums are in flight.
function colBlock(A: Float64Array, aOff: number, lda: number, B: Float64Array, bOff: number, C: Float64Array, cOff: number, n: number, kb: number): void {
  const n4 = n - (n % 4);
  let i = 0;
  for (; i < n4; i += 4) {
    const a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let p = 0; p < kb; p++) {
      const b = B[bOff + p];
      s0 += A[a0 + p] * b; s1 += A[a1 + p] * b; s2 += A[a2 + p] * b; s3 += A[a3 + p] * b;
    }
    C[cOff + i] += s0; C[cOff + i + 1] += s1; C[cOff + i + 2] += s2; C[cOff + i + 3] += s3;
  }
  for (; i < n; i++) {
    const a0 = aOff + i * lda;
    let s = 0;
    for (let p = 0; p < kb; p++) s += A[a0 + p] * B[bOff + p];
    C[cOff + i] += s;
  }
}

/**
 * {@link gemmVecJs} in float32, rounding every product and sum as the other float32 kernels do.
 *
 * @example gemmVecJs32(W, 0, x, 0, y, 0, n, k, 1); // y[n×1] += W[n×k] · x[k×1]
 */
export function gemmVecJs32(
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  n: number, k: number, m: number,
  accumulate = true,
): void {
  if (n === 0 || m === 0) return;
  if (!accumulate) C.fill(0, cOff, cOff + n * m);
  if (k === 0) return;
  const kc = kBlock(k);
  for (let p0 = 0; p0 < k; p0 += kc) {
    const kb = Math.min(kc, k - p0);
    if (m === 1) colBlock32(A, aOff + p0, k, B, bOff + p0, C, cOff, n, kb);
    else for (let i = 0; i < n; i++) rowBlock32(A, aOff + i * k + p0, B, bOff + p0 * m, C, cOff + i * m, kb, m);
  }
}

// Float32 partial sums (each exactly a float32, so a Float64Array holds them exactly,
// and the rounding stays explicit in the loop).
const rowSums32 = new Float64Array(ROW_CHUNK);

function rowBlock32(A: Float32Array, aOff: number, B: Float32Array, bOff: number, C: Float32Array, cOff: number, kb: number, m: number): void {
  const S = rowSums32;
  const k4 = kb - (kb % 4);
  for (let j0 = 0; j0 < m; j0 += ROW_CHUNK) {
    const w = Math.min(ROW_CHUNK, m - j0);
    S.fill(0, 0, w);
    let p = 0;
    for (; p < k4; p += 4) {
      const x0 = A[aOff + p], x1 = A[aOff + p + 1], x2 = A[aOff + p + 2], x3 = A[aOff + p + 3];
      const b0 = bOff + p * m + j0, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      for (let j = 0; j < w; j++) {
        let s = S[j];
        s = fr(s + fr(x0 * B[b0 + j]));
        s = fr(s + fr(x1 * B[b1 + j]));
        s = fr(s + fr(x2 * B[b2 + j]));
        s = fr(s + fr(x3 * B[b3 + j]));
        S[j] = s;
      }
    }
    for (; p < kb; p++) {
      const x0 = A[aOff + p], b0 = bOff + p * m + j0;
      for (let j = 0; j < w; j++) S[j] = fr(S[j] + fr(x0 * B[b0 + j]));
    }
    for (let j = 0; j < w; j++) C[cOff + j0 + j] += S[j];
  }
}

function colBlock32(A: Float32Array, aOff: number, lda: number, B: Float32Array, bOff: number, C: Float32Array, cOff: number, n: number, kb: number): void {
  const n4 = n - (n % 4);
  let i = 0;
  for (; i < n4; i += 4) {
    const a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let p = 0; p < kb; p++) {
      const b = B[bOff + p];
      s0 = fr(s0 + fr(A[a0 + p] * b)); s1 = fr(s1 + fr(A[a1 + p] * b));
      s2 = fr(s2 + fr(A[a2 + p] * b)); s3 = fr(s3 + fr(A[a3 + p] * b));
    }
    C[cOff + i] += s0; C[cOff + i + 1] += s1; C[cOff + i + 2] += s2; C[cOff + i + 3] += s3;
  }
  for (; i < n; i++) {
    const a0 = aOff + i * lda;
    let s = 0;
    for (let p = 0; p < kb; p++) s = fr(s + fr(A[a0 + p] * B[bOff + p]));
    C[cOff + i] += s;
  }
}

/** @internal Bytes held by the JavaScript kernels' scratch buffers (bounded whatever the shapes), for tests. */
export function gemmScratchBytes(): number {
  return pack64.byteLength + pack32.byteLength + rowSums.byteLength + rowSums32.byteLength;
}

