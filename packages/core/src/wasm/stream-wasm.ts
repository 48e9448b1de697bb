// Runs the elementwise WebAssembly SIMD kernels of ./stream-kernel on Float64Arrays and
// Float32Arrays, a chunk at a time: each operand's chunk is copied into the module's
// memory (native memcpy, via TypedArray.set), the kernel runs there, and the results are
// copied back. The chunks are small enough that the copies and the kernel all work in the
// core's L2 cache, so the whole pass costs about one streaming read of the operands and
// one write of the results: faster than a JavaScript loop, whose per-element bounds checks
// and float32 conversions limit it well below the memory's speed.
//
// As with the gemm, the user's arrays never live in WebAssembly memory (nothing a caller
// holds can be detached or go stale). The memory here is a fixed scratch of SLOTS chunks
// that never grows: it is made once, at its final size, so no call can fail on growth.
import { type AdamMode, type StreamBinaryOp, type StreamOp, streamModuleFunctions } from './stream-kernel';

export type { AdamMode } from './stream-kernel';
import { wasmModule } from './encode';
import { jsKernelsForced } from '../ops/gemm';

/** Bytes of one operand's chunk: 4 chunks (Adam's p, g, m, v) fit in L2 with room to spare. */
const CHUNK_BYTES = 16384;
const SLOTS = 4;
const PAGE = 65536;

type FloatArray = Float64Array | Float32Array;
type Binary = (x: number, y: number, out: number, len: number) => void;
type Unary = (x: number, out: number, len: number) => void;
type AdamFn = (p: number, g: number, m: number, v: number, len: number, ...hyper: number[]) => void;

interface Fns {
  binary: Record<StreamBinaryOp, Binary>;
  scalar: Record<StreamOp, Binary>;
  relu: Unary;
  sqrt: Unary;
  acc: Unary;
  accsub: Unary;
  relugrad: Binary;
  adam: Record<AdamMode, AdamFn>;
}

interface Kernel {
  f64: Fns;
  f32: Fns;
  h64: Float64Array;
  h32: Float32Array;
}

let moduleBytes: Uint8Array<ArrayBuffer>[] | null = null;

/** @internal The stream modules' bytes (built once; each under 4 KB), for tests. */
export function streamModuleBytes(): Uint8Array<ArrayBuffer>[] {
  if (moduleBytes === null) moduleBytes = streamModuleFunctions().map((funcs) => wasmModule(funcs));
  return moduleBytes;
}

// undefined: not tried yet; null: WebAssembly SIMD is unavailable here.
let kernel: Kernel | null | undefined;

function instantiate(): Kernel | null {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return null;
  try {
    const modules = streamModuleBytes();
    if (!modules.every((b) => WebAssembly.validate(b))) return null; // no SIMD: the feature probe
    const pages = Math.ceil((SLOTS * CHUNK_BYTES) / PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const x: Record<string, Binary & Unary & AdamFn> = {};
    for (const b of modules) Object.assign(x, new WebAssembly.Instance(new WebAssembly.Module(b), { env: { memory } }).exports);
    const fns = (dt: 'f64' | 'f32'): Fns => ({
      binary: {
        add: x[`add_${dt}`], sub: x[`sub_${dt}`], mul: x[`mul_${dt}`], div: x[`div_${dt}`],
        maximum: x[`maximum_${dt}`], minimum: x[`minimum_${dt}`],
      },
      scalar: { add: x[`adds_${dt}`], sub: x[`subs_${dt}`], mul: x[`muls_${dt}`], div: x[`divs_${dt}`] },
      relu: x[`relu_${dt}`],
      sqrt: x[`sqrt_${dt}`],
      acc: x[`acc_${dt}`],
      accsub: x[`accsub_${dt}`],
      relugrad: x[`relugrad_${dt}`],
      adam: { plain: x[`adam_${dt}`], l2: x[`adaml2_${dt}`], decoupled: x[`adamdecoupled_${dt}`] },
    });
    return { f64: fns('f64'), f32: fns('f32'), h64: new Float64Array(memory.buffer), h32: new Float32Array(memory.buffer) };
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
}

function getKernel(): Kernel | null {
  if (kernel === undefined) kernel = instantiate();
  return kernel;
}

/** Whether the elementwise WebAssembly SIMD kernels can run here (instantiates them on first call). */
export function wasmStreamAvailable(): boolean {
  return getKernel() !== null;
}

/**
 * Below this many elements the JavaScript loop is faster: a call costs about 0.2 µs
 * (copies, views, the call itself), what a loop spends on ~128 elements (measured on
 * x86-64 for the binary operators and Adam, in both dtypes).
 */
export const STREAM_MIN = 128;


// The heap view and kernels of `a`'s dtype, or null for the JavaScript loop (n elements).
function kernelsFor(a: Float64Array | Float32Array, n: number): { H: Float64Array | Float32Array; fns: Fns } | null {
  const K = n >= STREAM_MIN && !jsKernelsForced() ? getKernel() : null;
  if (K === null) return null;
  return a instanceof Float64Array ? { H: K.h64, fns: K.f64 } : { H: K.h32, fns: K.f32 };
}

/** Byte address of operand slot `s` in the scratch memory. */
const SLOT = [0, CHUNK_BYTES, 2 * CHUNK_BYTES, 3 * CHUNK_BYTES] as const;

/**
 * The chunk loop every stream function shares: per chunk, `ins[s]` is copied into slot s,
 * `call` runs the kernel on that many bytes (padded to whole 32-byte iterations), and
 * every `outs[s]` that is not null is copied back from slot s. All arrays have n elements.
 */
function chunked(H: Float64Array | Float32Array, n: number, ins: readonly FloatArray[], outs: readonly (FloatArray | null)[], call: (bytes: number) => void): void {
  const b = H.BYTES_PER_ELEMENT, C = CHUNK_BYTES / b;
  for (let i0 = 0; i0 < n; i0 += C) {
    const c = Math.min(C, n - i0);
    for (let s = 0; s < ins.length; s++) H.set(ins[s].subarray(i0, i0 + c), s * C);
    call((c * b + 31) & ~31);
    for (let s = 0; s < outs.length; s++) outs[s]?.set(H.subarray(s * C, s * C + c), i0);
  }
}


/**
 * out = x op y elementwise (all of one dtype and length) with the SIMD kernel; the same
 * bits as the JavaScript loop. False, doing nothing, when WebAssembly SIMD is unavailable,
 * forced off (setGemmKernel('js')), or the arrays are shorter than {@link STREAM_MIN}.
 * `out` may be `x` or `y`.
 */
export function streamBinary<T extends FloatArray>(op: StreamBinaryOp, out: T, x: T, y: T): boolean {
  const k = kernelsFor(x, out.length);
  if (k === null) return false;
  const fn = k.fns.binary[op];
  chunked(k.H, out.length, [x, y], [null, null, out], (len) => fn(SLOT[0], SLOT[1], SLOT[2], len));
  return true;
}

/** out = x op s for a number s (already rounded to the dtype); see {@link streamBinary}. */
export function streamScalar<T extends FloatArray>(op: StreamOp, out: T, x: T, s: number): boolean {
  const k = kernelsFor(x, out.length);
  if (k === null) return false;
  const fn = k.fns.scalar[op];
  chunked(k.H, out.length, [x], [null, out], (len) => fn(SLOT[0], s, SLOT[1], len));
  return true;
}

/** out = f(x) for a unary kernel: `relu` (reluOf's edges) or `sqrt`; see {@link streamBinary}. */
export function streamUnary<T extends FloatArray>(op: 'relu' | 'sqrt', out: T, x: T): boolean {
  const k = kernelsFor(x, out.length);
  if (k === null) return false;
  const fn = k.fns[op];
  chunked(k.H, out.length, [x], [null, out], (len) => fn(SLOT[0], SLOT[1], len));
  return true;
}

/**
 * t += g (`'acc'`) or t −= g (`'accsub'`) in place, a gradient accumulation; the same bits
 * as the loop. False, doing nothing, as {@link streamBinary}.
 */
export function streamAccumulate<T extends FloatArray>(op: 'acc' | 'accsub', t: T, g: T): boolean {
  const k = kernelsFor(t, t.length);
  if (k === null) return false;
  const fn = k.fns[op];
  chunked(k.H, t.length, [t, g], [t], (len) => fn(SLOT[0], SLOT[1], len));
  return true;
}

/** t += g where relu passes the gradient at x (reluPasses), in place; see {@link streamAccumulate}. */
export function streamReluGrad<T extends FloatArray>(t: T, g: T, x: T): boolean {
  const k = kernelsFor(t, t.length);
  if (k === null) return false;
  const fn = k.fns.relugrad;
  chunked(k.H, t.length, [t, g, x], [t], (len) => fn(SLOT[0], SLOT[1], SLOT[2], len));
  return true;
}

/**
 * Adam's per-step constants, as its kernels take them (computed in double by the caller):
 * `c1 = 1 − β1`, `c2 = 1 − β2`, `stepSize = α / (1 − β1ᵗ)`, `bc2Sqrt = √(1 − β2ᵗ)`,
 * `wd` the weight decay λ (used by mode `'l2'`), `shrink = 1 − αλ` (used by `'decoupled'`).
 */
export interface AdamHyper {
  beta1: number; c1: number; beta2: number; c2: number;
  stepSize: number; bc2Sqrt: number; eps: number; wd: number; shrink: number;
}

const HYPER_KEYS = ['beta1', 'c1', 'beta2', 'c2', 'stepSize', 'bc2Sqrt', 'eps', 'wd', 'shrink'] as const;

/**
 * One Adam step in place on `p`, `m`, `v` from the gradient `g` (all Float64Array or all
 * Float32Array, of one length), in WebAssembly SIMD, computing in double in this order
 * (the order of `@smolml/optimizers`' JavaScript kernel, which it matches bit for bit):
 *
 *     g' = g (+ λ·p in mode 'l2');  m ← β1·m + c1·g';  v ← β2·v + (c2·g')·g'
 *     p ← p − (stepSize·m) / (√v / bc2Sqrt + ε)      (p·shrink − … in mode 'decoupled')
 *
 * Returns false, doing nothing, when WebAssembly SIMD is unavailable, forced off by
 * `setGemmKernel('js')`, or the arrays are shorter than 128 elements (where the
 * JavaScript loop is faster): the caller then runs its loop. A low-level kernel for
 * optimizer packages; models use `Adam` from `@smolml/optimizers`.
 *
 * @example
 * const h = { beta1: 0.9, c1: 0.1, beta2: 0.999, c2: 0.001, stepSize: 0.01 / 0.1,
 *   bc2Sqrt: Math.sqrt(0.001), eps: 1e-8, wd: 0, shrink: 1 };
 * if (!adamUpdateSimd('plain', p, g, m, v, h)) { ... the JavaScript loop ... }
 */
export function adamUpdateSimd<T extends FloatArray>(mode: AdamMode, p: T, g: T, m: T, v: T, h: AdamHyper): boolean {
  if (mode !== 'plain' && mode !== 'l2' && mode !== 'decoupled') {
    throw new RangeError(`adamUpdateSimd: expected mode 'plain', 'l2' or 'decoupled', got ${String(mode)}`);
  }
  const T = p instanceof Float64Array ? Float64Array : p instanceof Float32Array ? Float32Array : null;
  if (T === null || !(g instanceof T && m instanceof T && v instanceof T)) {
    throw new TypeError('adamUpdateSimd: expected p, g, m and v of one dtype (all Float64Array or all Float32Array)');
  }
  if (typeof h !== 'object' || h === null) throw new TypeError(`adamUpdateSimd: expected the hyperparameters as an object, got ${String(h)}`);
  for (const k of HYPER_KEYS) {
    if (typeof h[k] !== 'number') throw new TypeError(`adamUpdateSimd: expected hyper.${k} to be a number, got ${typeof h[k]}`);
  }
  if (g.length !== p.length || m.length !== p.length || v.length !== p.length) {
    throw new RangeError(`adamUpdateSimd: expected p, g, m and v of one length, got ${p.length}, ${g.length}, ${m.length}, ${v.length}`);
  }
  const k = kernelsFor(p, p.length);
  if (k === null) return false;
  const fn = k.fns.adam[mode];
  chunked(k.H, p.length, [p, g, m, v], [p, null, m, v], (len) => fn(SLOT[0], SLOT[1], SLOT[2], SLOT[3], len,
    h.beta1, h.c1, h.beta2, h.c2, h.stepSize, h.bc2Sqrt, h.eps, h.wd, h.shrink));
  return true;
}
