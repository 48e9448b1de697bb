import { gemm, gemm32, gemmScratchBytes, setGemmKernel } from '../src/ops/gemm';
import { K_BLOCK_MAX } from '../src/wasm/gemm-blocking';
import { WASM_HEAP_LIMIT, gemmWasm, gemmWasm32, releaseWasmGemm, wasmHeapBytes } from '../src/wasm/gemm-wasm';

// What a huge or careless product gets from the gemm kernels: the right answer, bounded
// scratch, and the JavaScript kernel when WebAssembly memory cannot grow.

type F = Float64Array | Float32Array;
type Gemm<T extends F> = (A: T, aOff: number, B: T, bOff: number, C: T, cOff: number, n: number, k: number, m: number, accumulate?: boolean) => unknown;

let state = 12345;
function fill<T extends F>(x: T): T {
  for (let i = 0; i < x.length; i++) {
    state ^= state << 13; state ^= state >>> 17; state ^= state << 5;
    x[i] = ((state >>> 0) / 2 ** 32) * 2 - 1;
  }
  return x;
}

const cases = [
  { name: 'float64', make: (n: number) => fill(new Float64Array(n)), gemm: gemm as Gemm<F>, wasm: gemmWasm as Gemm<F> },
  { name: 'float32', make: (n: number) => fill(new Float32Array(n)), gemm: gemm32 as Gemm<F>, wasm: gemmWasm32 as Gemm<F> },
];

const PAGE = 65536;

/** The product through the JavaScript kernel, for comparison. */
function viaJs<T extends F>(g: Gemm<T>, A: T, B: T, C: T, n: number, k: number, m: number): T {
  const out = C.slice() as T;
  setGemmKernel('js');
  try {
    g(A, 0, B, 0, out, 0, n, k, m);
  } finally {
    setGemmKernel('auto');
  }
  return out;
}

const same = (x: F, y: F): boolean => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

describe.each(cases)('$name gemm on huge or careless products', ({ make, gemm: g, wasm }) => {
  afterEach(() => {
    jest.restoreAllMocks();
    setGemmKernel('auto');
  });

  it('keeps WebAssembly memory under its documented bound, whatever the shapes', () => {
    releaseWasmGemm();
    // A huge inner dimension, a wide B, a tall A: each would need far more than the bound
    // if any operand were copied in whole.
    for (const [n, k, m] of [[3, 300_000, 5], [4, 1, 400_000], [400_000, 1, 4], [300, 700, 500]]) {
      const C = make(n * m);
      expect(wasm(make(n * k), 0, make(k * m), 0, C, 0, n, k, m)).toBe(true);
      expect(Number.isFinite(C[C.length - 1])).toBe(true);
    }
    expect(wasmHeapBytes()).toBeGreaterThan(0);
    expect(WASM_HEAP_LIMIT).toBeLessThanOrEqual(8 << 20);
    expect(wasmHeapBytes()).toBeLessThanOrEqual(WASM_HEAP_LIMIT + PAGE);
  });

  it('keeps the JavaScript kernels\' scratch bounded after a product with a huge inner dimension', () => {
    setGemmKernel('js');
    const [n, k, m] = [5, 200_000, 9];
    g(make(n * k), 0, make(k * m), 0, make(n * m), 0, n, k, m);
    g(make(k), 0, make(k * m), 0, make(m), 0, 1, k, m); // the plain row loop
    // One panel of one block of k per dtype, plus the row loop's partial sums.
    expect(gemmScratchBytes()).toBeLessThanOrEqual(K_BLOCK_MAX * 4 * (8 + 4) + 2 * 2048 * 8);
  });

  it('falls back to the JavaScript kernel when WebAssembly memory cannot grow, with the same bits', () => {
    releaseWasmGemm(); // a fresh, one-page memory: the next product must grow it
    const grow = jest.spyOn(WebAssembly.Memory.prototype, 'grow').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory.grow(): Unable to grow instance memory');
    });
    const [n, k, m] = [37, 2000, 29];
    const A = make(n * k), B = make(k * m), C = make(n * m);
    const want = viaJs(g, A, B, C, n, k, m);
    const got = C.slice();
    expect(() => g(A, 0, B, 0, got, 0, n, k, m)).not.toThrow();
    expect(grow).toHaveBeenCalled();
    expect(same(got, want)).toBe(true);
    expect(wasm(A, 0, B, 0, C.slice(), 0, n, k, m)).toBe(false); // refused, nothing written
    grow.mockRestore();
    // Memory can grow again: the WebAssembly kernel is back, still with the same bits.
    const again = C.slice();
    expect(wasm(A, 0, B, 0, again, 0, n, k, m)).toBe(true);
    expect(same(again, want)).toBe(true);
  });

  it('releases its memory on request and makes a fresh instance on the next product', () => {
    const [n, k, m] = [9, 300, 11];
    const A = make(n * k), B = make(k * m), C = make(n * m);
    const first = C.slice();
    g(A, 0, B, 0, first, 0, n, k, m);
    expect(wasmHeapBytes()).toBeGreaterThan(0);
    releaseWasmGemm();
    expect(wasmHeapBytes()).toBe(0);
    const second = C.slice();
    g(A, 0, B, 0, second, 0, n, k, m);
    expect(wasmHeapBytes()).toBeGreaterThan(0);
    expect(same(first, second)).toBe(true);
  });

  it('reads the caller\'s current data on every call (nothing cached between calls)', () => {
    const [n, k, m] = [8, 16, 8];
    const A = make(n * k), B = make(k * m);
    const C1 = new (A.constructor as new (n: number) => F)(n * m);
    g(A, 0, B, 0, C1, 0, n, k, m, false);
    B[5] += 1; // an optimizer's in-place step
    A[3] *= 2;
    const C2 = C1.slice();
    g(A, 0, B, 0, C2, 0, n, k, m, false);
    expect(same(C2, viaJs(g, A, B, C1.slice().fill(0), n, k, m))).toBe(true);
    expect(same(C1, C2)).toBe(false);
  });
});
