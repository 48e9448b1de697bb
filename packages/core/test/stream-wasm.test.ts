import { MLArray, Rng, adamUpdateSimd, type AdamHyper, type AdamMode } from '../src';
import { setGemmKernel } from '../src/ops/gemm';
import { reluOf } from '../src/scalar';
import { STREAM_MIN, streamAccumulate, streamBinary, streamReluGrad, streamScalar, streamUnary, wasmStreamAvailable } from '../src/wasm/stream-wasm';
import { reluPasses } from '../src/scalar';
import type { StreamOp } from '../src/wasm/stream-kernel';

// The elementwise WebAssembly SIMD kernels against the plain JavaScript loops they stand
// in for: the same bits for every element (NaN compared as NaN), in both dtypes, at
// lengths around the lane width, the 32-byte loop step and the driver's chunks.

type F = Float64Array | Float32Array;
const DTYPES = [
  { name: 'float64', T: Float64Array, chunk: 2048 },
  { name: 'float32', T: Float32Array, chunk: 4096 },
] as const;

const EDGES = [0, -0, 1, -1, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1e-45, -1e-45, 1.5e-39, 3.4e38, -3.4e38, 1e300, -1e300, 1e-300, 0.1, -2.5];

// Random values of every scale, with the edge values sprinkled through.
function values(T: typeof Float64Array | typeof Float32Array, n: number, seed: number): F {
  const rng = new Rng(seed), out = new T(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    out[i] = u < 0.15 ? EDGES[Math.floor(rng.uniform() * EDGES.length)] : (rng.uniform() - 0.5) * 10 ** Math.floor(rng.uniform() * 20 - 10);
  }
  return out;
}

function expectSameBits(actual: F, expected: F): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i], e = expected[i];
    if (!(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)))) throw new Error(`element ${i}: got ${a}, expected ${e}`);
  }
}

const JS: Record<StreamOp, (x: number, y: number) => number> = {
  add: (x, y) => x + y, sub: (x, y) => x - y, mul: (x, y) => x * y, div: (x, y) => x / y,
};
const OPS = Object.keys(JS) as StreamOp[];

describe('elementwise WebAssembly SIMD kernels', () => {
  afterEach(() => setGemmKernel('auto'));

  it('are available on Node.js (so the tests below exercise them)', () => {
    expect(wasmStreamAvailable()).toBe(true);
  });

  for (const { name, T, chunk } of DTYPES) {
    const lengths = [STREAM_MIN, STREAM_MIN + 1, STREAM_MIN + 3, 1000, chunk - 1, chunk, chunk + 1, 3 * chunk + 7];

    for (const op of OPS) {
      it(`${op} (${name}): array op array, the same bits as the loop`, () => {
        for (const n of lengths) {
          const x = values(T, n, n), y = values(T, n, n + 1), want = new T(n), got = new T(n);
          for (let i = 0; i < n; i++) want[i] = JS[op](x[i], y[i]);
          expect(streamBinary(op, got, x, y)).toBe(true);
          expectSameBits(got, want);
        }
      });

      it(`${op} (${name}): array op number, the same bits as the loop`, () => {
        for (const n of lengths) {
          for (const s of [0.3, -0, 7, NaN, Infinity, 1e-30]) {
            const b = new T([s])[0], x = values(T, n, n), want = new T(n), got = new T(n);
            for (let i = 0; i < n; i++) want[i] = JS[op](x[i], b);
            expect(streamScalar(op, got, x, b)).toBe(true);
            expectSameBits(got, want);
          }
        }
      });
    }

    for (const op of ['maximum', 'minimum'] as const) {
      it(`${op} (${name}): the same choice as the loop (NaN wins, a ±0 tie keeps x)`, () => {
        const sign = op === 'maximum' ? 1 : -1;
        for (const n of lengths) {
          const x = values(T, n, 13 * n), y = values(T, n, 13 * n + 1), want = new T(n), got = new T(n);
          for (let i = 0; i < n; i += 5) y[i] = x[i]; // ties
          for (let i = 2; i < n; i += 11) { x[i] = 0; y[i] = -0; }
          for (let i = 3; i < n; i += 11) { x[i] = -0; y[i] = 0; }
          for (let i = 0; i < n; i++) {
            const xi = x[i], yi = y[i];
            want[i] = xi !== xi || yi !== yi ? NaN : sign * (xi - yi) >= 0 ? xi : yi;
          }
          expect(streamBinary(op, got, x, y)).toBe(true);
          expectSameBits(got, want);
        }
      });
    }

    it(`relu (${name}): the same bits as reluOf (NaN stays, -0 and -Infinity give +0)`, () => {
      for (const n of lengths) {
        const x = values(T, n, 3 * n), want = new T(n), got = new T(n);
        for (let i = 0; i < n; i++) want[i] = reluOf(x[i]);
        expect(streamUnary('relu', got, x)).toBe(true);
        expectSameBits(got, want);
      }
    });

    it(`sqrt (${name}): the same bits as Math.sqrt (NaN below 0, -0 stays -0)`, () => {
      for (const n of lengths) {
        const x = values(T, n, 5 * n), want = new T(n), got = new T(n);
        for (let i = 0; i < n; i++) want[i] = Math.sqrt(x[i]);
        expect(streamUnary('sqrt', got, x)).toBe(true);
        expectSameBits(got, want);
      }
    });

    it(`gradient accumulation (${name}): t += g and t -= g, the same bits as the loops`, () => {
      for (const n of lengths) {
        for (const op of ['acc', 'accsub'] as const) {
          const t = values(T, n, 7 * n), g = values(T, n, 7 * n + 1), want = t.slice();
          for (let i = 0; i < n; i++) want[i] = op === 'acc' ? want[i] + g[i] : want[i] - g[i];
          expect(streamAccumulate(op, t, g)).toBe(true);
          expectSameBits(t, want);
        }
      }
    });

    it(`relu's gradient (${name}): t += g where reluPasses(x), t untouched elsewhere (-0 stays -0)`, () => {
      for (const n of lengths) {
        const t = values(T, n, 11 * n), g = values(T, n, 11 * n + 1), x = values(T, n, 11 * n + 2), want = t.slice();
        for (let i = 0; i < n; i++) if (reluPasses(x[i])) want[i] += g[i];
        expect(streamReluGrad(t, g, x)).toBe(true);
        expectSameBits(t, want);
        // -0 in t where the gradient is masked must survive.
        const z = new T(n).fill(-0), x0 = new T(n).fill(-1);
        streamReluGrad(z, g, x0);
        expect(Array.from(z).every((v) => Object.is(v, -0))).toBe(true);
      }
    });

    it(`MLArray gradients give the same bits with the kernels on and forced off (${name})`, () => {
      const n = 3000;
      const run = (): F[] => {
        const a = MLArray.from(values(T, n, 21), [n], { requiresGrad: true }), b = MLArray.from(values(T, n, 22), [n], { requiresGrad: true });
        const bias = MLArray.from(values(T, 300, 23), [300], { requiresGrad: true });
        a.add(b).relu().sub(a.reshape(10, 300).sub(bias).reshape(n)).mul(b).sum().backward();
        return [a.gradData as F, b.gradData as F, bias.gradData as F];
      };
      const simd = run();
      setGemmKernel('js');
      const js = run();
      simd.forEach((r, i) => expectSameBits(r, js[i]));
    });

    it(`writes in place when out is an operand (${name})`, () => {
      const n = 2 * chunk + 5, x = values(T, n, 9), y = values(T, n, 10), want = new T(n);
      for (let i = 0; i < n; i++) want[i] = x[i] * y[i];
      expect(streamBinary('mul', x, x, y)).toBe(true);
      expectSameBits(x, want);
    });

    it(`MLArray ops give the same bits with the kernels on and forced off (${name})`, () => {
      const n = 5000;
      const a = MLArray.from(values(T, n, 1), [n]), b = MLArray.from(values(T, n, 2), [n]);
      const run = (): F[] => [a.add(b), a.sub(b), a.mul(b), a.div(b), a.add(2.5), a.sub(-1), a.mul(0.1), a.div(3), a.relu(), a.sqrt(), a.maximum(b), a.minimum(b), a.maximum(0.5), a.mul(b).add(a).relu()].map((r) => r.data);
      const simd = run();
      setGemmKernel('js');
      const js = run();
      simd.forEach((r, i) => expectSameBits(r, js[i]));
    });
  }

  it('decline short arrays and the forced JavaScript kernels (the caller runs its loop)', () => {
    const x = new Float64Array(STREAM_MIN - 1), out = new Float64Array(STREAM_MIN - 1);
    expect(streamBinary('add', out, x, x)).toBe(false);
    const big = new Float64Array(STREAM_MIN);
    setGemmKernel('js');
    expect(streamBinary('add', big, big, big)).toBe(false);
    expect(streamUnary('relu', big, big)).toBe(false);
  });
});

// Adam's update as the optimizers' JavaScript kernel computes it (in double, rounding once
// per store): the reference adamUpdateSimd must reproduce bit for bit.
function adamJs(mode: AdamMode, p: F, g: F, m: F, v: F, h: AdamHyper): void {
  for (let i = 0; i < p.length; i++) {
    const gi = mode === 'l2' ? g[i] + h.wd * p[i] : g[i];
    const mi = h.beta1 * m[i] + h.c1 * gi;
    const vi = h.beta2 * v[i] + h.c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    const step = (h.stepSize * mi) / (Math.sqrt(vi) / h.bc2Sqrt + h.eps);
    p[i] = mode === 'decoupled' ? p[i] * h.shrink - step : p[i] - step;
  }
}

describe('adamUpdateSimd', () => {
  afterEach(() => setGemmKernel('auto'));
  const hyper = (t: number, lr: number, wd: number): AdamHyper => ({
    beta1: 0.9, c1: 1 - 0.9, beta2: 0.999, c2: 1 - 0.999, stepSize: lr / (1 - 0.9 ** t),
    bc2Sqrt: Math.sqrt(1 - 0.999 ** t), eps: 1e-8, wd, shrink: 1 - lr * wd,
  });

  for (const { name, T, chunk } of DTYPES) {
    for (const mode of ['plain', 'l2', 'decoupled'] as const) {
      it(`${mode} (${name}): five steps give the same bits as the JavaScript kernel`, () => {
        for (const n of [STREAM_MIN, STREAM_MIN + 1, 777, chunk + 3, 2 * chunk]) {
          const p1 = values(T, n, n), g = values(T, n, n + 1), m1 = new T(n), v1 = new T(n);
          const p2 = p1.slice(), m2 = new T(n), v2 = new T(n);
          for (let t = 1; t <= 5; t++) {
            const h = hyper(t, 0.01, mode === 'plain' ? 0 : 0.1);
            adamJs(mode, p1, g, m1, v1, h);
            expect(adamUpdateSimd(mode, p2, g, m2, v2, h)).toBe(true);
          }
          expectSameBits(p2, p1);
          expectSameBits(m2, m1);
          expectSameBits(v2, v1);
        }
      });
    }
  }

  it('declines short arrays and the forced JavaScript kernels, leaving the arrays alone', () => {
    const p = new Float32Array(STREAM_MIN - 1).fill(1), g = p.slice(), m = p.slice(), v = p.slice();
    expect(adamUpdateSimd('plain', p, g, m, v, hyper(1, 0.1, 0))).toBe(false);
    expect(Array.from(p).every((x) => x === 1)).toBe(true);
    const q = new Float64Array(STREAM_MIN).fill(1);
    setGemmKernel('js');
    expect(adamUpdateSimd('plain', q, q.slice(), q.slice(), q.slice(), hyper(1, 0.1, 0))).toBe(false);
    expect(Array.from(q).every((x) => x === 1)).toBe(true);
  });

  it('rejects mixed dtypes, mismatched lengths and unknown modes with typed errors', () => {
    const a = new Float64Array(200), b = new Float32Array(200), h = hyper(1, 0.1, 0);
    expect(() => adamUpdateSimd('plain', a, b as unknown as Float64Array, a, a, h)).toThrow(TypeError);
    expect(() => adamUpdateSimd('plain', a, new Float64Array(199), a, a, h)).toThrow(/one length/);
    expect(() => adamUpdateSimd('fast' as AdamMode, a, a, a, a, h)).toThrow(/mode/);
    expect(() => adamUpdateSimd('plain', [1, 2] as unknown as Float64Array, a, a, a, h)).toThrow(TypeError);
    expect(() => adamUpdateSimd('plain', a, a, a, a, null as unknown as AdamHyper)).toThrow(/hyperparameters as an object/);
    expect(() => adamUpdateSimd('plain', a, a, a, a, { ...h, eps: '1e-8' as unknown as number })).toThrow(/hyper.eps to be a number/);
  });
});
