import { MLArray, Value } from '../src';

// Non-finite and degenerate inputs, where JavaScript's defaults and PyTorch's differ.
// Expected values are torch 1.13's (float64), noted beside each case.

const grads = (f: (x: MLArray) => MLArray, data: number[]): number[] => {
  const x = new MLArray(data);
  f(x).sum().backward();
  return Array.from(x.gradData!);
};

test('std of a constant has gradient 0, not NaN (torch masks σ = 0)', () => {
  expect(grads((x) => x.std(), [3, 3, 3, 3])).toEqual([0, 0, 0, 0]);
  expect(grads((x) => x.reshape(2, 1).std(1), [7, 8])).toEqual([0, 0]);
  // A layer norm over a constant row stays finite.
  const row = new MLArray([[5, 5, 5]]);
  row.sub(row.mean(1, true)).div(row.std(1, true).add(1e-5)).sum().backward();
  expect(Array.from(row.gradData!)).toEqual([0, 0, 0]);
});

test('relu passes NaN through with its gradient, as torch.relu', () => {
  const x = new MLArray([NaN, -1, 2]);
  const y = x.relu();
  expect(y.toList()).toEqual([NaN, 0, 2]);
  y.sum().backward();
  expect(Array.from(x.gradData!)).toEqual([1, 0, 1]);
  const v = new Value(NaN);
  const r = v.relu();
  r.backward();
  expect([Number.isNaN(r.data), v.grad]).toEqual([true, 1]);
});

test('a NaN maximum spreads NaN gradients over its slice (torch amax)', () => {
  const g = grads((x) => x.reshape(2, 3).max(1), [1, NaN, 3, 2, 5, 5]);
  expect(g.slice(0, 3).every(Number.isNaN)).toBe(true);
  expect(g.slice(3)).toEqual([0, 0.5, 0.5]);
});

test('maximum/minimum with a NaN give both inputs the whole gradient (torch)', () => {
  const a = new MLArray([NaN, 1, 2]), b = new MLArray([1, NaN, 2]);
  a.maximum(b).sum().backward();
  expect([Array.from(a.gradData!), Array.from(b.gradData!)]).toEqual([[1, 1, 0.5], [1, 1, 0.5]]);
  const c = new MLArray([NaN, 3]), d = new MLArray([1, 4]);
  c.minimum(d).sum().backward();
  expect([Array.from(c.gradData!), Array.from(d.gradData!)]).toEqual([[1, 1], [1, 0]]);
});

test('pow follows C (and torch): 1 ** NaN = 1, (-1) ** ±Infinity = 1', () => {
  expect(new MLArray([1]).pow(NaN).item()).toBe(1);
  expect(new MLArray([-1, -1]).pow(new MLArray([Infinity, -Infinity])).toList()).toEqual([1, 1]);
  expect(new MLArray([2]).pow(NaN).toList()).toEqual([NaN]);
  expect(new Value(1).pow(NaN).data).toBe(1);
  expect(new Value(-1).pow(Infinity).data).toBe(1);
});
