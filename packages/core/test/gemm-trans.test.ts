import { MLArray, Rng } from '../src';
import { setGemmKernel } from '../src/ops/gemm';
import { gemmWasm, gemmWasm32 } from '../src/wasm/gemm-wasm';
import { K_BLOCK_MAX } from '../src/wasm/gemm-blocking';

// The WebAssembly gemm fed a transposed operand (packed straight from Aᵀ or Bᵀ) against
// the same gemm fed an explicitly transposed copy: the packed bytes are the same, so every
// element of C must be the same bits. Shapes cover partial panels and strips, single rows
// and columns, and a k beyond one block.
type F = Float64Array | Float32Array;
function transpose<T extends F>(X: T, r: number, c: number): T {
  const out = new (X.constructor as new (n: number) => T)(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = X[i * c + j];
  return out;
}
const kernels = [
  { name: 'float64', T: Float64Array, gemm: gemmWasm as (...a: unknown[]) => boolean },
  { name: 'float32', T: Float32Array, gemm: gemmWasm32 as (...a: unknown[]) => boolean },
] as const;
const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 8, 8], [13, 17, 9], [64, 784, 128], [128, 64, 10], [5, 3, 33], [9, K_BLOCK_MAX + 5, 3]];

describe.each(kernels)('gemm with transposed operands ($name)', ({ T, gemm }) => {
  it.each(shapes)('n=%i k=%i m=%i: Aᵀ, Bᵀ and both give the bits of explicit transposes', (n, k, m) => {
    const rng = new Rng(n * 31 + k * 7 + m);
    const fill = (len: number): F => { const a = new T(len); for (let i = 0; i < len; i++) a[i] = rng.normal(); return a; };
    const A = fill(n * k), B = fill(k * m), C0 = fill(n * m);
    const At = transpose(A, n, k), Bt = transpose(B, k, m);
    const want = C0.slice();
    expect(gemm(A, 0, B, 0, want, 0, n, k, m, true)).toBe(true);
    for (const [tA, tB] of [[true, false], [false, true], [true, true]]) {
      const got = C0.slice();
      expect(gemm(tA ? At : A, 0, tB ? Bt : B, 0, got, 0, n, k, m, true, tA, tB)).toBe(true);
      for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) throw new Error(`transA=${tA} transB=${tB} C[${i}]: ${got[i]} vs ${want[i]}`);
    }
  });

  it('honours offsets into the transposed operands', () => {
    const n = 6, k = 11, m = 10, rng = new Rng(2);
    const fill = (len: number): F => { const a = new T(len); for (let i = 0; i < len; i++) a[i] = rng.normal(); return a; };
    const A = fill(n * k), B = fill(k * m);
    const At = transpose(A, n, k), Bt = transpose(B, k, m);
    const padA = new T(3 + n * k), padB = new T(5 + k * m);
    padA.set(At, 3); padB.set(Bt, 5);
    const want = new T(n * m), got = new T(2 + n * m);
    gemm(A, 0, B, 0, want, 0, n, k, m, false);
    gemm(padA, 3, padB, 5, got, 2, n, k, m, false, true, true);
    expect(Array.from(got.subarray(2))).toEqual(Array.from(want));
  });
});

describe('matmul gradients through the transposed packing', () => {
  it.each(['float64', 'float32'] as const)('%s: the same bits with the WebAssembly kernel and with the JavaScript one', (dtype) => {
    const run = (): F[] => {
      const rng = new Rng(4);
      const fill = (shape: number[]): MLArray => MLArray.from(Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => rng.normal()), shape, { dtype, requiresGrad: true });
      const a = fill([2, 37, 50]), b = fill([50, 29]), c = fill([29, 1]), x = fill([64, 100]), w = fill([100, 70]);
      a.matmul(b).matmul(c).sum().add(x.matmul(w).square().sum()).backward();
      return [a, b, c, x, w].map((t) => t.gradData as F);
    };
    const simd = run();
    setGemmKernel('js');
    try {
      const js = run();
      simd.forEach((g, i) => { for (let j = 0; j < g.length; j++) if (!Object.is(g[j], js[i][j])) throw new Error(`grad ${i}[${j}]: ${g[j]} vs ${js[i][j]}`); });
    } finally {
      setGemmKernel('auto');
    }
  });
});
