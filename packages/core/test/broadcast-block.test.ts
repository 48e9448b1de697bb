import { MLArray, Rng } from '../src';

// A bias-like operand (its shape the trailing part of the output's) is expanded by whole
// block copies and its gradient summed row by row: the same values, and the same
// double-then-round-once sums in the same order, as the element-indexed general path.
// Checked against a direct computation of that definition, in both dtypes.
const cases: [number[], number[]][] = [
  [[128], [64, 128]],
  [[1, 32], [5, 32]],
  [[3, 20], [2, 4, 3, 20]],
  [[1, 1, 17], [6, 2, 17]],
  [[40], [0, 40]],
  [[1], [300]],
];

describe.each(['float64', 'float32'] as const)('trailing-block broadcasting (%s)', (dtype) => {
  const T = dtype === 'float64' ? Float64Array : Float32Array;
  const make = (n: number, f: () => number): Float64Array | Float32Array => {
    const out = new T(n);
    for (let i = 0; i < n; i++) out[i] = f();
    return out;
  };
  it.each(cases)('%j over %j: forward and gradient as defined', (shape, outShape) => {
    const rng = new Rng(3);
    const w = shape.reduce((p, d) => p * d, 1), size = outShape.reduce((p, d) => p * d, 1);
    const b = MLArray.from(make(w, () => rng.normal() * 1e3), shape, { dtype, requiresGrad: true });
    const x = MLArray.from(make(size, () => rng.normal()), outShape, { dtype, requiresGrad: true });
    const g = make(size, () => rng.normal() * 10 ** Math.floor(rng.uniform(-6, 6)));
    const y = x.mul(b); // mul: the forward needs b's expanded values, the backward sums g·x
    y.backward(MLArray.from(g, outShape, { dtype }));
    const wantY = new T(size), wantG = new Float64Array(w);
    for (let i = 0; i < size; i++) {
      wantY[i] = x.data[i] * b.data[i % w];
      // Each product lands in a scratch buffer of the array's dtype, then the rows are summed.
      wantG[i % w] += dtype === 'float32' ? Math.fround(g[i] * x.data[i]) : g[i] * x.data[i];
    }
    expect(Array.from(y.data)).toEqual(Array.from(wantY));
    expect(Array.from(b.gradData as Float64Array)).toEqual(Array.from(new T(wantG)));
  });
});
