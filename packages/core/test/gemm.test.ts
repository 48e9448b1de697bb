import { MLArray, Rng } from '../src';
import { gemm, gemmJs, gemmKernel, setGemmKernel } from '../src/ops/gemm';
import { gemmWasm, wasmGemmAvailable, wasmHeapBytes } from '../src/wasm/gemm-wasm';

type Kernel = (A: Float64Array, aOff: number, B: Float64Array, bOff: number, C: Float64Array, cOff: number, n: number, k: number, m: number) => unknown;

// The textbook triple loop, summing each element of C in the same order as the kernels
// (a sum over p from 0 that starts at 0, then added to C): every kernel must match it
// bit for bit, not just to a tolerance.
function naive(A: Float64Array, aOff: number, B: Float64Array, bOff: number, C: Float64Array, cOff: number, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[aOff + i * k + p] * B[bOff + p * m + j];
      C[cOff + i * m + j] += s;
    }
  }
}

const rng = new Rng(7);
const random = (len: number): Float64Array => Float64Array.from({ length: len }, () => rng.normal());

/** The first index where x and y differ (NaN equals NaN), or -1: exact comparison, fast on big arrays. */
function firstDifference(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !(x[i] !== x[i] && y[i] !== y[i])) return i;
  return -1;
}

/** Runs `kernel` on operands placed at offsets inside larger buffers and checks it against `naive`. */
function check(kernel: Kernel, n: number, k: number, m: number): void {
  const aOff = 3, bOff = 5, cOff = 7;
  const A = random(aOff + n * k + 2), B = random(bOff + k * m + 2);
  const C0 = random(cOff + n * m + 4); // C is accumulated into, and nothing around it is touched
  const want = C0.slice(), got = C0.slice();
  const Acopy = A.slice(), Bcopy = B.slice();
  naive(A, aOff, B, bOff, want, cOff, n, k, m);
  kernel(A, aOff, B, bOff, got, cOff, n, k, m);
  expect({ n, k, m, at: firstDifference(got, want) }).toEqual({ n, k, m, at: -1 });
  expect(firstDifference(A, Acopy)).toBe(-1);
  expect(firstDifference(B, Bcopy)).toBe(-1);
}

const SIZES = [1, 3, 5, 17, 64, 65];

describe('gemm kernels', () => {
  afterEach(() => setGemmKernel('auto'));

  it('finds WebAssembly SIMD on Node.js 20', () => {
    expect(wasmGemmAvailable()).toBe(true);
    expect(gemmKernel()).toBe('wasm-simd');
  });

  for (const [name, kernel] of [['js', gemmJs], ['wasm', gemmWasm], ['dispatching gemm', gemm]] as [string, Kernel][]) {
    it(`${name}: matches the triple loop exactly for every n, k, m in {${SIZES.join(', ')}}, at offsets`, () => {
      for (const n of SIZES) for (const k of SIZES) for (const m of SIZES) check(kernel, n, k, m);
    });
  }

  it('wasm: splits very large operands into blocks without changing a bit', () => {
    // k = 20000 makes B's column blocks 12 wide and A's row blocks 6 high:
    // 17 columns are 2 column blocks (one partial panel), 13 rows are 3 row blocks.
    check(gemmWasm, 13, 20000, 17);
    check(gemmWasm, 4, 3, 1000); // then small again, in the memory grown for the big one
  });

  it('wasm: keeps its memory to a few MB, whatever the shapes', () => {
    for (const [n, k, m] of [[2000, 1, 3000], [300, 700, 500], [5, 30000, 40], [3000, 2, 7]]) {
      const C = new Float64Array(n * m);
      gemmWasm(random(n * k), 0, random(k * m), 0, C, 0, n, k, m);
      expect(Number.isFinite(C[C.length - 1]) && C[C.length - 1] !== 0).toBe(true);
    }
    // Budgets: 2 MB of B, its packed copy, 1 MB of A, 1 MB of C, plus the last page.
    expect(wasmHeapBytes()).toBeGreaterThan(0);
    expect(wasmHeapBytes()).toBeLessThanOrEqual((6 << 20) + 65536);
  });

  it('does nothing when a dimension is 0', () => {
    for (const kernel of [gemmJs, gemmWasm, gemm] as Kernel[]) {
      const C = new Float64Array([1, 2, 3]);
      kernel(new Float64Array(0), 0, new Float64Array(6), 0, C, 0, 0, 2, 3);
      kernel(new Float64Array(0), 0, new Float64Array(0), 0, C, 0, 1, 0, 3);
      expect(Array.from(C)).toEqual([1, 2, 3]);
    }
  });

  it('propagates Infinity and NaN like IEEE-754 arithmetic', () => {
    const A = new Float64Array([Infinity, 1, 0, 1, 1, 1, 1, 1, NaN, 1, 1, 1, 1, 1, 1, 1]);
    const B = random(4 * 9);
    B[0] = 0; // Infinity · 0 = NaN, as in the triple loop
    for (const kernel of [gemmJs, gemmWasm] as Kernel[]) {
      const want = new Float64Array(36), got = new Float64Array(36);
      naive(A, 0, B, 0, want, 0, 4, 4, 9);
      kernel(A, 0, B, 0, got, 0, 4, 4, 9);
      expect(Number.isNaN(got[0])).toBe(true);
      expect(firstDifference(got, want)).toBe(-1);
    }
  });

  it('setGemmKernel switches kernels, and rejects anything but auto and js', () => {
    setGemmKernel('js');
    expect(gemmKernel()).toBe('js');
    check(gemm, 17, 64, 65);
    setGemmKernel('auto');
    expect(gemmKernel()).toBe('wasm-simd');
    expect(() => setGemmKernel('gpu' as 'js')).toThrow(RangeError);
  });

  it('matmul and its gradients are identical with either kernel', () => {
    const a = random(2 * 33 * 20), b = random(20 * 17);
    const run = (kernel: 'auto' | 'js'): Float64Array[] => {
      setGemmKernel(kernel);
      const x = MLArray.from(a, [2, 33, 20]), w = MLArray.from(b, [20, 17]);
      const y = x.matmul(w);
      y.mul(y).sum().backward();
      return [y.data, (x.grad as MLArray).data, (w.grad as MLArray).data];
    };
    expect(run('auto')).toEqual(run('js'));
  });
});

describe('gemm in a fresh copy of core (the other build, or an engine without WebAssembly SIMD)', () => {
  // A fresh copy of the kernels, which probes for WebAssembly again on first use.
  type Fresh = { gemm: Kernel; gemmKernel: () => string; gemmWasm: Kernel };
  const load = (): Fresh => {
    let mod: Fresh | undefined;
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports -- a fresh module registry needs require */
      const g = require('../src/ops/gemm') as typeof import('../src/ops/gemm');
      const w = require('../src/wasm/gemm-wasm') as typeof import('../src/wasm/gemm-wasm');
      /* eslint-enable @typescript-eslint/no-require-imports */
      mod = { gemm: g.gemm, gemmKernel: g.gemmKernel, gemmWasm: w.gemmWasm };
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

  it('falls back to the JavaScript kernel when the SIMD module does not validate', () => {
    const spy = jest.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    try {
      const m = load();
      expect(m.gemmKernel()).toBe('js');
      expect(m.gemmWasm(new Float64Array(1), 0, new Float64Array(1), 0, new Float64Array(1), 0, 1, 1, 1)).toBe(false);
      check(m.gemm, 17, 64, 65);
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
      check(m.gemm, 5, 64, 17);
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
      check(m.gemm, 64, 17, 5);
    } finally {
      spy.mockRestore();
    }
  });
});
