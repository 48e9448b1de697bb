// Runs the WebAssembly SIMD gemm kernel on Float64Arrays: copies B, A and C into the
// module's linear memory (native memcpy, via TypedArray.set), packs B there with the
// module's SIMD `pack` (a JavaScript packing loop costs 5× a memcpy), runs the kernel and
// copies C back.
//
// Memory stays small whatever the matrix size: B is processed in column blocks of at
// most ~2 MB, A in row blocks of at most ~1 MB (about what a core's L2 cache holds) and
// C in blocks of at most ~1 MB, so the module's memory grows to about 6 MB at most and is
// reused by every call. (Only absurdly long rows, k in the hundreds of thousands, go past
// that: a block is never smaller than 4 rows or 4 columns.)
// The inner dimension k is never split, so each element of C is still one sum over
// p = 0..k-1 in order: the results are bit-identical to the JavaScript kernel's.
import { gemmModuleBytes } from './gemm-module';

const B_BLOCK_BYTES = 2 << 20;
const A_BLOCK_BYTES = 1 << 20;
const C_BLOCK_BYTES = 1 << 20;
const PAGE = 65536;

interface Kernel {
  memory: WebAssembly.Memory;
  gemm: (a: number, b: number, c: number, n: number, k: number, m: number) => void;
  pack: (src: number, dst: number, k: number, m: number) => void;
  /** A view of `memory` (replaced whenever the memory grows, which detaches the old one). */
  heap: Float64Array;
}

// undefined: not tried yet; null: WebAssembly SIMD is unavailable here.
let kernel: Kernel | null | undefined;

function instantiate(): Kernel | null {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return null;
  try {
    const bytes = gemmModuleBytes();
    // Engines without SIMD reject the module: that is the feature probe.
    if (!WebAssembly.validate(bytes)) return null;
    const memory = new WebAssembly.Memory({ initial: 16 });
    // Synchronous compilation is fine for a module this small, on Node.js and on a
    // browser's main thread alike.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    const { gemm, pack } = instance.exports as unknown as Pick<Kernel, 'gemm' | 'pack'>;
    return { memory, gemm, pack, heap: new Float64Array(memory.buffer) };
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

/** Whether this engine can run the WebAssembly SIMD kernel (instantiates it on first call). */
export function wasmGemmAvailable(): boolean {
  return getKernel() !== null;
}

function ensureBytes(K: Kernel, bytes: number): Float64Array {
  const have = K.memory.buffer.byteLength;
  if (have < bytes) K.memory.grow(Math.ceil((bytes - have) / PAGE));
  if (K.heap.buffer !== K.memory.buffer) K.heap = new Float64Array(K.memory.buffer);
  return K.heap;
}

/**
 * C[n×m] += A[n×k] · B[k×m] with the WebAssembly SIMD kernel (same contract as the JS
 * `gemm`). Returns false, doing nothing, when WebAssembly SIMD is unavailable.
 */
export function gemmWasm(
  A: Float64Array, aOff: number,
  B: Float64Array, bOff: number,
  C: Float64Array, cOff: number,
  n: number, k: number, m: number,
): boolean {
  const K = getKernel();
  if (K === null) return false;
  if (n === 0 || m === 0 || k === 0) return true;
  // Block sizes: nb columns of B and C (whole panels of 4, at least one), mb rows of A
  // and C (at least 4), each block within its byte budget.
  const nb = Math.min((m + 3) & ~3, Math.max(4, Math.floor(B_BLOCK_BYTES / (32 * k)) * 4), C_BLOCK_BYTES / 32);
  const mb = Math.min(n, Math.max(4, Math.min(Math.floor(A_BLOCK_BYTES / (8 * k)), Math.floor(C_BLOCK_BYTES / (8 * nb)))));
  // Heap layout, in elements: [B block | B block packed | A block | C block].
  const packedAt = k * nb, aAt = 2 * k * nb, cAt = aAt + mb * k;
  const H = ensureBytes(K, (cAt + mb * nb) * 8);
  for (let j0 = 0; j0 < m; j0 += nb) {
    const w = Math.min(nb, m - j0);
    if (w === m) {
      H.set(B.subarray(bOff, bOff + k * m), 0);
    } else {
      for (let p = 0; p < k; p++) H.set(B.subarray(bOff + p * m + j0, bOff + p * m + j0 + w), p * w);
    }
    K.pack(0, packedAt * 8, k, w);
    for (let i0 = 0; i0 < n; i0 += mb) {
      const h = Math.min(mb, n - i0);
      H.set(A.subarray(aOff + i0 * k, aOff + (i0 + h) * k), aAt);
      const c0 = cOff + i0 * m + j0;
      if (w === m) {
        H.set(C.subarray(c0, c0 + h * m), cAt);
      } else {
        for (let r = 0; r < h; r++) H.set(C.subarray(c0 + r * m, c0 + r * m + w), cAt + r * w);
      }
      K.gemm(aAt * 8, packedAt * 8, cAt * 8, h, k, w);
      if (w === m) {
        C.set(H.subarray(cAt, cAt + h * m), c0);
      } else {
        for (let r = 0; r < h; r++) C.set(H.subarray(cAt + r * w, cAt + (r + 1) * w), c0 + r * m);
      }
    }
  }
  return true;
}
