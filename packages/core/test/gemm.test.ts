import { MLArray, Rng } from '../src';
import { gemm, gemm32, gemmJs, gemmJs32, gemmKernel, gemmVecJs, gemmVecJs32, setGemmKernel } from '../src/ops/gemm';
import { K_BLOCK_MAX, kBlock } from '../src/wasm/gemm-blocking';
import { gemmWasm, gemmWasm32, wasmGemmAvailable } from '../src/wasm/gemm-wasm';

// Every gemm kernel, float64 and float32, against one reference: the textbook triple
// loop summing each element of C in the documented order (k in blocks of kBlock(k); per
// block s = 0, s += a·b for p in order, C += s; in float32 every product and sum rounded
// with Math.fround). Every kernel must match it bit for bit, not to a tolerance.

type F = Float64Array | Float32Array;
type Kernel<T extends F> = (A: T, aOff: number, B: T, bOff: number, C: T, cOff: number, n: number, k: number, m: number, accumulate?: boolean) => unknown;

interface DTypeCase<T extends F> {
  name: 'float64' | 'float32';
  make: (len: number) => T;
  kernels: [string, Kernel<T>][];
  naive: Kernel<T>;
}

function naive64(A: Float64Array, aOff: number, B: Float64Array, bOff: number, C: Float64Array, cOff: number, n: number, k: number, m: number, accumulate = true): void {
  if (!accumulate) C.fill(0, cOff, cOff + n * m);
  const kc = kBlock(k);
  for (let p0 = 0; p0 < k; p0 += kc) {
    const p1 = Math.min(k, p0 + kc);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let p = p0; p < p1; p++) s += A[aOff + i * k + p] * B[bOff + p * m + j];
        C[cOff + i * m + j] += s;
      }
    }
  }
}

function naive32(A: Float32Array, aOff: number, B: Float32Array, bOff: number, C: Float32Array, cOff: number, n: number, k: number, m: number, accumulate = true): void {
  if (!accumulate) C.fill(0, cOff, cOff + n * m);
  const kc = kBlock(k);
  const fr = Math.fround;
  for (let p0 = 0; p0 < k; p0 += kc) {
    const p1 = Math.min(k, p0 + kc);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let p = p0; p < p1; p++) s = fr(s + fr(A[aOff + i * k + p] * B[bOff + p * m + j]));
        C[cOff + i * m + j] = fr(C[cOff + i * m + j] + s);
      }
    }
  }
}

const rng = new Rng(7);
// Operands: a fast xorshift stream (large operands would spend seconds in Rng.normal),
// uniform in [-2, 2) with 32 random bits, so products and sums round in varied ways.
let state = 0x9e3779b9;
function fill<T extends F>(x: T): T {
  for (let i = 0; i < x.length; i++) {
    state ^= state << 13; state ^= state >>> 17; state ^= state << 5;
    x[i] = ((state >>> 0) / 2 ** 32) * 4 - 2;
  }
  return x;
}

const F64: DTypeCase<Float64Array> = {
  name: 'float64',
  make: (len) => fill(new Float64Array(len)),
  kernels: [['js', gemmJs], ['wasm', gemmWasm], ['plain row/column loop', gemmVecJs], ['dispatching gemm', gemm]],
  naive: naive64,
};
const F32: DTypeCase<Float32Array> = {
  name: 'float32',
  make: (len) => fill(new Float32Array(len)),
  kernels: [['js', gemmJs32], ['wasm', gemmWasm32], ['plain row/column loop', gemmVecJs32], ['dispatching gemm32', gemm32]],
  naive: naive32,
};

/** The first index where x and y differ, or -1. Exact: -0 differs from +0, any NaN equals any NaN. */
function firstDifference(x: F, y: F): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i]) && !(Number.isNaN(x[i]) && Number.isNaN(y[i]))) return i;
  return -1;
}

/**
 * Runs `kernel` on operands at offsets inside larger buffers and checks it against the
 * reference: C accumulated into (or overwritten), nothing around C touched, A and B unchanged.
 */
function check<T extends F>(dt: DTypeCase<T>, kernel: Kernel<T>, n: number, k: number, m: number, accumulate = true): void {
  const aOff = 3, bOff = 5, cOff = 7;
  const A = dt.make(aOff + n * k + 2), B = dt.make(bOff + k * m + 2);
  const C0 = dt.make(cOff + n * m + 4);
  if (!accumulate) C0.fill(NaN, cOff, cOff + n * m); // must be ignored, not added to
  const want = C0.slice() as T, got = C0.slice() as T;
  const Acopy = A.slice(), Bcopy = B.slice();
  dt.naive(A, aOff, B, bOff, want, cOff, n, k, m, accumulate);
  kernel(A, aOff, B, bOff, got, cOff, n, k, m, accumulate);
  expect({ n, k, m, accumulate, at: firstDifference(got, want) }).toEqual({ n, k, m, accumulate, at: -1 });
  expect(firstDifference(A, Acopy)).toBe(-1);
  expect(firstDifference(B, Bcopy)).toBe(-1);
}

// Ragged against every tile: 4-row strips, 4- and 8-column panels, 4-lane transposes.
const SIZES = [1, 2, 3, 5, 8, 9, 17, 65];

describe.each([F64, F32] as DTypeCase<F>[])('$name gemm kernels', (dt) => {
  afterEach(() => setGemmKernel('auto'));

  for (const [name, kernel] of dt.kernels) {
    it(`${name}: matches the reference exactly for every n, k, m in {${SIZES.join(', ')}}, at offsets`, () => {
      for (const n of SIZES) for (const k of SIZES) for (const m of SIZES) check(dt, kernel, n, k, m);
    });

    it(`${name}: overwrites C (ignoring its NaNs) when not accumulating, with the same bits as accumulating into zeros`, () => {
      for (const [n, k, m] of [[1, 7, 9], [9, 1, 17], [17, 33, 9], [64, 65, 1], [5, 0, 3]]) check(dt, kernel, n, k, m, false);
    });
  }

  it('random shapes and offsets: the WebAssembly, packing JS and plain kernels agree bit for bit', () => {
    for (let t = 0; t < 60; t++) {
      const n = rng.int(1, 40), k = rng.int(1, 300), m = rng.int(1, 40);
      const aOff = rng.int(0, 9), bOff = rng.int(0, 9), cOff = rng.int(0, 9);
      const A = dt.make(aOff + n * k), B = dt.make(bOff + k * m), C0 = dt.make(cOff + n * m + rng.int(0, 5));
      const accumulate = rng.next() < 0.5;
      const outs = dt.kernels.map(([, kernel]) => {
        const C = C0.slice() as F;
        kernel(A, aOff, B, bOff, C, cOff, n, k, m, accumulate);
        return C;
      });
      for (const C of outs.slice(1)) expect({ n, k, m, at: firstDifference(C, outs[0]) }).toEqual({ n, k, m, at: -1 });
    }
  });

  it('splits k beyond one block at the same boundaries in every kernel', () => {
    // 40000 = blocks of 13336, 13336, 13328: the sum restarts at each boundary.
    expect(kBlock(40000)).toBe(13336);
    expect(kBlock(K_BLOCK_MAX)).toBe(K_BLOCK_MAX);
    // The test can fail: restarting the sum changes some bits against one long sum.
    const A = dt.make(5 * 40000), B = dt.make(40000 * 9), blocked = dt.make(45).fill(0), oneSum = blocked.slice() as F;
    dt.naive(A, 0, B, 0, blocked, 0, 5, 40000, 9);
    for (let i = 0; i < 45; i++) {
      let s = 0;
      for (let p = 0; p < 40000; p++) s = dt.name === 'float32' ? Math.fround(s + Math.fround(A[(i / 9 | 0) * 40000 + p] * B[p * 9 + i % 9])) : s + A[(i / 9 | 0) * 40000 + p] * B[p * 9 + i % 9];
      oneSum[i] = s;
    }
    expect(firstDifference(blocked, oneSum)).not.toBe(-1);
    for (const [, kernel] of dt.kernels) check(dt, kernel, 5, 40000, 9);
    for (const [, kernel] of dt.kernels) check(dt, kernel, 1, 40000, 3, false);
  });

  it('the plain loop handles rows longer than its partial-sum chunk (m > 2048) for n = 1', () => {
    const [, plain] = dt.kernels[2];
    check(dt, plain, 1, 6, 2051);
  });

  it('does nothing when a dimension is 0 (and zero-fills C for k = 0 when not accumulating)', () => {
    for (const [, kernel] of dt.kernels) {
      const C = dt.make(3);
      const before = C.slice();
      kernel(dt.make(0), 0, dt.make(6), 0, C, 0, 0, 2, 3);
      kernel(dt.make(0), 0, dt.make(0), 0, C, 0, 1, 0, 3);
      expect(firstDifference(C, before)).toBe(-1);
      kernel(dt.make(0), 0, dt.make(0), 0, C, 0, 1, 0, 3, false);
      expect(Array.from(C)).toEqual([0, 0, 0]);
    }
  });

  it('propagates Infinity and NaN like IEEE-754 arithmetic, and keeps subnormals', () => {
    const A = dt.make(4 * 5), B = dt.make(5 * 9);
    A[0] = Infinity; A[8] = NaN; A[13] = -Infinity;
    B[0] = 0; // Infinity · 0 = NaN, as in the triple loop
    // Subnormal products and sums (float32's smallest normal is ~1.2e-38): no flush to zero.
    A[16] = 3e-39; A[17] = -2e-39; B[3] = 1e-3; B[12] = 0.5;
    for (const [, kernel] of dt.kernels) {
      const want = dt.make(36), got = want.slice() as F;
      dt.naive(A, 0, B, 0, want, 0, 4, 5, 9);
      kernel(A, 0, B, 0, got, 0, 4, 5, 9);
      expect(Number.isNaN(got[0])).toBe(true);
      expect(firstDifference(got, want)).toBe(-1);
    }
  });

  it('setGemmKernel("js") switches this dtype to the JavaScript kernel, with the same bits', () => {
    const [, dispatch] = dt.kernels[3];
    setGemmKernel('js');
    expect(gemmKernel()).toBe('js');
    check(dt, dispatch, 17, 64, 65);
    check(dt, dispatch, 17, 64, 65, false);
    setGemmKernel('auto');
    expect(gemmKernel()).toBe('wasm-simd');
  });
});

describe('gemm dispatch', () => {
  afterEach(() => setGemmKernel('auto'));

  it('finds WebAssembly SIMD on Node.js 20', () => {
    expect(wasmGemmAvailable()).toBe(true);
    expect(gemmKernel()).toBe('wasm-simd');
  });

  it('rejects a kernel name other than auto and js', () => {
    expect(() => setGemmKernel('gpu' as 'js')).toThrow(RangeError);
    expect(() => setGemmKernel('gpu' as 'js')).toThrow(/setGemmKernel.*gpu/);
  });

  it('rejects operands shorter than their shapes say (no stale WebAssembly memory read as data)', () => {
    const ok = new Float64Array(12);
    expect(() => gemm(new Float64Array(11), 0, ok, 0, ok, 0, 3, 4, 3)).toThrow(RangeError);
    expect(() => gemm(ok, 0, ok, 1, ok, 0, 3, 4, 3)).toThrow(/gemm: operands too short for \[3×4\]·\[4×3\]/);
    const ok32 = new Float32Array(12);
    expect(() => gemm32(ok32, 0, ok32, 0, new Float32Array(8), 0, 3, 4, 3)).toThrow(/gemm32: operands too short/);
  });

  it('float64 matmul and its gradients are identical with either kernel', () => {
    const a = F64.make(2 * 33 * 20), b = F64.make(20 * 17);
    const run = (kernel: 'auto' | 'js'): FloatArrayList => {
      setGemmKernel(kernel);
      const x = MLArray.from(a, [2, 33, 20]), w = MLArray.from(b, [20, 17]);
      const y = x.matmul(w);
      y.mul(y).sum().backward();
      return [y.data, (x.grad as MLArray).data, (w.grad as MLArray).data];
    };
    expect(run('auto')).toEqual(run('js'));
  });
});

type FloatArrayList = F[];

describe('gemm in a fresh copy of core (the other build, or an engine without WebAssembly SIMD)', () => {
  // A fresh copy of the kernels, which probes for WebAssembly again on first use.
  type Fresh = { gemm: Kernel<Float64Array>; gemm32: Kernel<Float32Array>; gemmKernel: () => string; gemmWasm: Kernel<Float64Array>; gemmWasm32: Kernel<Float32Array> };
  const load = (): Fresh => {
    let mod: Fresh | undefined;
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports -- a fresh module registry needs require */
      const g = require('../src/ops/gemm') as typeof import('../src/ops/gemm');
      const w = require('../src/wasm/gemm-wasm') as typeof import('../src/wasm/gemm-wasm');
      /* eslint-enable @typescript-eslint/no-require-imports */
      mod = { gemm: g.gemm, gemm32: g.gemm32, gemmKernel: g.gemmKernel, gemmWasm: w.gemmWasm, gemmWasm32: w.gemmWasm32 };
    });
    return mod as Fresh;
  };

  it('setGemmKernel reaches every loaded copy of core (CommonJS and ESM builds)', () => {
    const other = load();
    setGemmKernel('js');
    expect(other.gemmKernel()).toBe('js');
    setGemmKernel('auto');
    expect(other.gemmKernel()).toBe('wasm-simd');
  });

  it('falls back to the JavaScript kernels when the SIMD module does not validate', () => {
    const spy = jest.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    try {
      const m = load();
      expect(m.gemmKernel()).toBe('js');
      expect(m.gemmWasm(new Float64Array(1), 0, new Float64Array(1), 0, new Float64Array(1), 0, 1, 1, 1)).toBe(false);
      expect(m.gemmWasm32(new Float32Array(1), 0, new Float32Array(1), 0, new Float32Array(1), 0, 1, 1, 1)).toBe(false);
      check(F64, m.gemm, 17, 64, 65);
      check(F32, m.gemm32, 17, 64, 65);
    } finally {
      spy.mockRestore();
    }
  });

  it('falls back when there is no WebAssembly at all', () => {
    const g = globalThis as { WebAssembly?: typeof WebAssembly };
    const saved = g.WebAssembly;
    g.WebAssembly = undefined;
    try {
      const m = load();
      expect(m.gemmKernel()).toBe('js');
      check(F64, m.gemm, 5, 64, 17);
      check(F32, m.gemm32, 5, 64, 17);
    } finally {
      g.WebAssembly = saved;
    }
  });

  it('falls back when compiling is forbidden (a Content-Security-Policy without wasm-unsafe-eval)', () => {
    const spy = jest.spyOn(WebAssembly, 'Module').mockImplementation(() => {
      throw new WebAssembly.CompileError('Wasm code generation disallowed by embedder');
    });
    try {
      const m = load();
      expect(m.gemmKernel()).toBe('js');
      check(F64, m.gemm, 64, 17, 5);
      check(F32, m.gemm32, 64, 17, 5);
    } finally {
      spy.mockRestore();
    }
  });
});
