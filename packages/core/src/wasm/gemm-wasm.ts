// Runs the WebAssembly SIMD gemm kernels (./gemm-kernel) on Float64Arrays and
// Float32Arrays: copies a block of B into the module's linear memory (native memcpy, via
// TypedArray.set) and packs it there with the module's SIMD `pack` (a JavaScript packing
// loop costs 5× a memcpy), then for each block of A copies and packs it the same way
// (and copies in the block of C only when C is accumulated into), runs the kernel and
// copies C back. At N = 256-1024 the copies and packs cost under 10% of the product:
// the float32 kernel runs at ~85% of a SIMD peak loop end to end (bench/gemm.mjs).
//
// The user's arrays never live in WebAssembly memory: operands are copied in for the
// duration of one call, so nothing a caller holds can be detached by Memory.grow or go
// stale after an in-place write (an optimizer's step). What persists is scratch.
//
// Memory stays bounded whatever the shapes: k is split into blocks of at most
// K_BLOCK_MAX (./gemm-blocking, the same boundaries as the JavaScript kernels), B into
// column blocks of ~2 MB, A and C into row blocks of ~1 MB (about what a core's L2 cache
// holds), so the memory grows to about 6 MB at most and is reused by every call. If it
// cannot grow even that far, the call returns false and the JavaScript kernel runs.
import { K_BLOCK_MAX, kBlock } from './gemm-blocking';
import { MR, PANEL_ROW_BYTES, panelWidth } from './gemm-kernel';
import { gemmModuleBytes, gemmTransModuleBytes } from './gemm-module';

const B_BLOCK_BYTES = 2 << 20;
const A_BLOCK_BYTES = 1 << 20;
const C_BLOCK_BYTES = 1 << 20;
const TMP_BYTES = 64;
const PAGE = 65536;

/** @internal The most memory the kernels' heap can ever need, in bytes. */
export const WASM_HEAP_LIMIT = ((): number => {
  const packedB = Math.max(B_BLOCK_BYTES, K_BLOCK_MAX * PANEL_ROW_BYTES); // at least one panel
  const packedA = Math.max(A_BLOCK_BYTES, MR * K_BLOCK_MAX * 8); // at least one strip
  return TMP_BYTES + Math.max(packedB, packedA) + packedB + packedA + C_BLOCK_BYTES;
})();

type GemmFn = (a: number, b: number, c: number, h: number, kc: number, w: number, accumulate: number, tmp: number) => void;
type PackFn = (src: number, dst: number, rows: number, cols: number) => void;

interface Kernel {
  memory: WebAssembly.Memory;
  f64: Fns;
  f32: Fns;
  /** Views of `memory` (replaced whenever the memory grows, which detaches the old ones). */
  h64: Float64Array;
  h32: Float32Array;
}

// undefined: not tried yet (or dropped); null: WebAssembly SIMD is unavailable here.
let kernel: Kernel | null | undefined;

function instantiate(): Kernel | null {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return null;
  try {
    const modules = [gemmModuleBytes(), gemmTransModuleBytes()];
    // Engines without SIMD reject the modules: that is the feature probe.
    if (!modules.every((b) => WebAssembly.validate(b))) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    // Synchronous compilation is fine for modules this small (each under 4 KB), on
    // Node.js and on a browser's main thread alike.
    const x: Record<string, GemmFn & PackFn> = {};
    for (const b of modules) Object.assign(x, new WebAssembly.Instance(new WebAssembly.Module(b), { env: { memory } }).exports);
    return {
      memory,
      f64: { gemm: x.gemm_f64, pack: x.pack_f64, packA: x.packa_f64, packT: x.packt_f64, packAT: x.packat_f64 },
      f32: { gemm: x.gemm_f32, pack: x.pack_f32, packA: x.packa_f32, packT: x.packt_f32, packAT: x.packat_f32 },
      h64: new Float64Array(memory.buffer), h32: new Float32Array(memory.buffer),
    };
  } catch {
    // e.g. a Content-Security-Policy without 'wasm-unsafe-eval': use the JS kernel.
    return null;
  }
}

function getKernel(): Kernel | null {
  if (kernel === undefined) kernel = instantiate();
  return kernel;
}

/** @internal The size of the kernel's linear memory in bytes (0 before first use), for tests. */
export function wasmHeapBytes(): number {
  return kernel ? kernel.memory.buffer.byteLength : 0;
}

/**
 * @internal Drops the instance and its memory (WebAssembly memory cannot shrink; a new
 * instance is made on the next call). For tests, and after a failed grow.
 */
export function releaseWasmGemm(): void {
  if (kernel) kernel = undefined;
}

/** Whether this engine can run the WebAssembly SIMD kernel (instantiates it on first call). */
export function wasmGemmAvailable(): boolean {
  return getKernel() !== null;
}

// Grows the memory to at least `bytes`; false when it cannot (the engine or the
// machine refuses even a few MB), leaving it as it was.
function ensureBytes(K: Kernel, bytes: number): boolean {
  const have = K.memory.buffer.byteLength;
  if (have < bytes) {
    try {
      K.memory.grow(Math.ceil((bytes - have) / PAGE));
    } catch {
      return false;
    }
  }
  if (K.h64.buffer !== K.memory.buffer) {
    K.h64 = new Float64Array(K.memory.buffer);
    K.h32 = new Float32Array(K.memory.buffer);
  }
  return true;
}

/** The block sizes and heap layout (in elements) of one product. */
interface Plan {
  kc: number; nb: number; mb: number;
  stageAt: number; packedBAt: number; packedAAt: number; cAt: number; end: number;
}

// Blocks: nb columns of B and C (whole panels, at least one) and mb rows of A and C
// (whole strips, at least one), each block within its byte budget. Layout: one staging
// area, where a block of B and then each block of A is copied before being packed, then
// the packed B block, the packed A block and the C block.
function plan(bytes: number, n: number, k: number, m: number): Plan {
  const nr = panelWidth(bytes);
  const kc = kBlock(k);
  const roundDown = (x: number, q: number): number => Math.floor(x / q) * q;
  const nb = Math.min(
    Math.ceil(m / nr) * nr,
    Math.max(nr, Math.min(roundDown(B_BLOCK_BYTES / (bytes * kc), nr), roundDown(C_BLOCK_BYTES / (bytes * MR), nr))),
  );
  const mb = Math.min(
    Math.ceil(n / MR) * MR,
    Math.max(MR, roundDown(Math.min(A_BLOCK_BYTES / (bytes * kc), C_BLOCK_BYTES / (bytes * nb)), MR)),
  );
  const stageAt = TMP_BYTES / bytes;
  const packedBAt = stageAt + kc * Math.max(nb, mb);
  const packedAAt = packedBAt + kc * nb;
  const cAt = packedAAt + mb * kc;
  return { kc, nb, mb, stageAt, packedBAt, packedAAt, cAt, end: cAt + mb * nb };
}

interface Fns { gemm: GemmFn; pack: PackFn; packA: PackFn; packT: PackFn; packAT: PackFn }

/**
 * C[n×m] += A[n×k] · B[k×m] (or C = A·B when `accumulate` is false) with the WebAssembly
 * SIMD kernel; the contract of `gemm` in ../ops/gemm.ts. With `transA`, A is given as
 * its transpose (row-major [k×n] at aOff); with `transB`, B as its transpose ([m×k]): they
 * are packed straight from that layout (no transposed copy), into the same bytes, so the
 * result has the same bits. Returns false, doing nothing, when WebAssembly SIMD is
 * unavailable or its memory cannot grow.
 */
export function gemmWasm(
  A: Float64Array, aOff: number,
  B: Float64Array, bOff: number,
  C: Float64Array, cOff: number,
  n: number, k: number, m: number,
  accumulate = true,
  transA = false, transB = false,
): boolean {
  const K = getKernel();
  if (K === null) return false;
  if (n === 0 || m === 0) return true;
  if (k === 0) {
    if (!accumulate) C.fill(0, cOff, cOff + n * m);
    return true;
  }
  const P = plan(8, n, k, m);
  if (!ensureBytes(K, P.end * 8)) return false;
  run(K.h64, K.f64, P, A, aOff, B, bOff, C, cOff, n, k, m, accumulate, transA, transB);
  return true;
}

/** {@link gemmWasm} for Float32Arrays: the f32x4 kernel, summing in float32. */
export function gemmWasm32(
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number,
  n: number, k: number, m: number,
  accumulate = true,
  transA = false, transB = false,
): boolean {
  const K = getKernel();
  if (K === null) return false;
  if (n === 0 || m === 0) return true;
  if (k === 0) {
    if (!accumulate) C.fill(0, cOff, cOff + n * m);
    return true;
  }
  const P = plan(4, n, k, m);
  if (!ensureBytes(K, P.end * 4)) return false;
  run(K.h32, K.f32, P, A, aOff, B, bOff, C, cOff, n, k, m, accumulate, transA, transB);
  return true;
}

// The blocked product on a heap view of the operands' type. Not an element loop (its
// inner steps are memcpy and kernel calls), so one function serves both dtypes.
function run<T extends Float64Array | Float32Array>(
  H: T, fns: Fns, P: Plan,
  A: T, aOff: number, B: T, bOff: number, C: T, cOff: number,
  n: number, k: number, m: number, accumulate: boolean, transA: boolean, transB: boolean,
): void {
  const bytes = H.BYTES_PER_ELEMENT, nr = panelWidth(bytes);
  const { kc, nb, mb, stageAt, packedBAt, packedAAt, cAt } = P;
  for (let j0 = 0; j0 < m; j0 += nb) {
    const w = Math.min(nb, m - j0);
    for (let p0 = 0; p0 < k; p0 += kc) {
      const kb = Math.min(kc, k - p0);
      if (transB) {
        // B is given as X = Bᵀ ([m×k]): stage rows j0.. of X ([w×kb], padded to whole
        // panels with zero rows) and pack them straight into panels.
        const wPad = Math.ceil(w / nr) * nr, x0 = bOff + j0 * k + p0;
        if (kb === k) {
          H.set(B.subarray(x0, x0 + w * k), stageAt);
        } else {
          for (let j = 0; j < w; j++) H.set(B.subarray(x0 + j * k, x0 + j * k + kb), stageAt + j * kb);
        }
        if (wPad > w) H.fill(0, stageAt + w * kb, stageAt + wPad * kb);
        fns.packT(stageAt * bytes, packedBAt * bytes, kb, wPad);
      } else {
        const b0 = bOff + p0 * m + j0;
        if (w === m) {
          H.set(B.subarray(b0, b0 + kb * m), stageAt);
        } else {
          for (let p = 0; p < kb; p++) H.set(B.subarray(b0 + p * m, b0 + p * m + w), stageAt + p * w);
        }
        fns.pack(stageAt * bytes, packedBAt * bytes, kb, w);
      }
      // C is read only when it holds something to add to: the caller's values, or an
      // earlier block of k.
      const addToC = accumulate || p0 > 0;
      for (let i0 = 0; i0 < n; i0 += mb) {
        const h = Math.min(mb, n - i0);
        const hPad = Math.ceil(h / MR) * MR;
        if (transA) {
          // A is given as Y = Aᵀ ([k×n]): stage rows p0.. of Y, columns i0.. ([kb×hPad],
          // zero columns past h) and pack them straight into strips.
          const y0 = aOff + p0 * n + i0;
          if (h === n && hPad === h) {
            H.set(A.subarray(y0, y0 + kb * n), stageAt);
          } else {
            for (let p = 0; p < kb; p++) {
              H.set(A.subarray(y0 + p * n, y0 + p * n + h), stageAt + p * hPad);
              if (hPad > h) H.fill(0, stageAt + p * hPad + h, stageAt + (p + 1) * hPad);
            }
          }
          fns.packAT(stageAt * bytes, packedAAt * bytes, hPad, kb);
        } else {
          const a0 = aOff + i0 * k + p0;
          if (kb === k) {
            H.set(A.subarray(a0, a0 + h * k), stageAt);
          } else {
            for (let r = 0; r < h; r++) H.set(A.subarray(a0 + r * k, a0 + r * k + kb), stageAt + r * kb);
          }
          // The padding rows: zeros, so that their (discarded) results stay finite and fast.
          if (hPad > h) H.fill(0, stageAt + h * kb, stageAt + hPad * kb);
          fns.packA(stageAt * bytes, packedAAt * bytes, hPad, kb);
        }
        const c0 = cOff + i0 * m + j0;
        if (addToC) {
          if (w === m) {
            H.set(C.subarray(c0, c0 + h * m), cAt);
          } else {
            for (let r = 0; r < h; r++) H.set(C.subarray(c0 + r * m, c0 + r * m + w), cAt + r * w);
          }
        }
        fns.gemm(packedAAt * bytes, packedBAt * bytes, cAt * bytes, hPad, kb, w, addToC ? 1 : 0, 0);
        if (w === m) {
          C.set(H.subarray(cAt, cAt + h * m), c0);
        } else {
          for (let r = 0; r < h; r++) C.set(H.subarray(cAt + r * w, cAt + (r + 1) * w), c0 + r * m);
        }
      }
    }
  }
}
