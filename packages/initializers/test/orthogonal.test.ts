// Orthogonal: the columns (tall) or rows (wide) are orthonormal to rounding level.
import { MLArray, Rng } from '@smolml/core';
import { Orthogonal } from '../src';

/** Largest |(AᵀA - I)ᵢⱼ| for a matrix A given as rows × cols row-major data. */
function gramError(a: ArrayLike<number>, rows: number, cols: number, scale = 1): number {
  let worst = 0;
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += a[r * cols + i] * a[r * cols + j];
      worst = Math.max(worst, Math.abs(dot - (i === j ? scale : 0)));
    }
  }
  return worst;
}

test.each([
  [64, 64],
  [200, 50],
  [784, 128],
  [10, 1],
])('tall/square %i × %i: WᵀW ≈ I', (rows, cols) => {
  const w = Orthogonal.initialize([rows, cols], { rng: new Rng(3) });
  expect(gramError(w.data, rows, cols)).toBeLessThan(1e-13);
});

test.each([
  [50, 200],
  [1, 10],
])('wide %i × %i: WWᵀ ≈ I', (rows, cols) => {
  const w = Orthogonal.initialize([rows, cols], { rng: new Rng(4) });
  const t = w.transpose();
  expect(gramError(t.data, cols, rows)).toBeLessThan(1e-13);
});

test('WᵀW ≈ I through MLArray ops as well', () => {
  const w = Orthogonal.initialize([30, 20], { rng: new Rng(5), requiresGrad: false });
  const g = w.transpose().matmul(w);
  const eye = MLArray.from(
    Array.from({ length: 400 }, (_, k) => (Math.floor(k / 20) === k % 20 ? 1 : 0)),
    [20, 20],
  );
  expect(g.sub(eye).abs().max().item()).toBeLessThan(1e-13);
});

test('gain scales the Gram matrix to gain² · I', () => {
  const w = Orthogonal.initialize([40, 40], { rng: new Rng(6), gain: 3 });
  expect(gramError(w.data, 40, 40, 9)).toBeLessThan(1e-12);
});

test('shapes beyond 2-D are (dims[0], product of the rest)', () => {
  const w = Orthogonal.initialize([24, 3, 4], { rng: new Rng(7) });
  expect(w.shape).toEqual([24, 3, 4]);
  expect(gramError(w.data, 24, 12)).toBeLessThan(1e-13);
});

test('an orthogonal map preserves vector lengths', () => {
  const w = Orthogonal.initialize([50, 50], { rng: new Rng(8), requiresGrad: false });
  const x = new MLArray([Array.from({ length: 50 }, (_, i) => Math.sin(i))], { requiresGrad: false });
  const before = Math.sqrt(x.mul(x).sum().item());
  const y = x.matmul(w);
  expect(Math.sqrt(y.mul(y).sum().item())).toBeCloseTo(before, 12);
});

test('the draw is not biased towards any sign: diagonal entries average near 0', () => {
  // With Haar-distributed Q the diagonal of many draws averages 0 (a QR without the
  // sign rule would not be uniform, but Gram–Schmidt fixes R's diagonal positive).
  let sum = 0;
  const n = 8;
  const draws = 400;
  const rng = new Rng(9);
  for (let k = 0; k < draws; k++) {
    const w = Orthogonal.initialize([n, n], { rng });
    for (let i = 0; i < n; i++) sum += w.data[i * n + i];
  }
  // Each diagonal entry has variance 1/n; the mean of draws·n of them has std 1/(n√draws).
  expect(Math.abs(sum / (draws * n))).toBeLessThan(3 / (n * Math.sqrt(draws)));
});
