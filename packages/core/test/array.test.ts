import fc from 'fast-check';
import { MLArray, full, ones, zeros, broadcastShapes } from '../src';

describe('construction and access', () => {
  test('nested input, shape, size, ndim, toList round trip', () => {
    const x = new MLArray([[1, 2, 3], [4, 5, 6]]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.size).toBe(6);
    expect(x.ndim).toBe(2);
    expect(x.data).toBeInstanceOf(Float64Array);
    expect(x.toList()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(new MLArray(7).shape).toEqual([]);
    expect(new MLArray(7).item()).toBe(7);
    expect(new MLArray([]).shape).toEqual([0]);
    expect(x.requiresGrad).toBe(true);
    expect(new MLArray([1], { requiresGrad: false }).requiresGrad).toBe(false);
  });

  test('MLArray.from copies its input', () => {
    const src = new Float64Array([1, 2, 3, 4]);
    const x = MLArray.from(src, [2, 2]);
    src[0] = 99;
    expect(x.get(0, 0)).toBe(1);
  });

  test('get accepts negative indices', () => {
    const x = new MLArray([[1, 2], [3, 4]]);
    expect(x.get(-1, 0)).toBe(3);
    expect(x.get(0, -1)).toBe(2);
  });

  test('creation helpers', () => {
    expect(zeros(2, 2).toList()).toEqual([[0, 0], [0, 0]]);
    expect(ones([3], { requiresGrad: false }).requiresGrad).toBe(false);
    expect(full([2], 7).toList()).toEqual([7, 7]);
  });

  test('argmax picks the first maximum along an axis', () => {
    const x = new MLArray([[1, 5, 5], [7, 0, 2]]);
    expect(x.argmax(1).toList()).toEqual([1, 0]);
    expect(x.argmax().item()).toBe(3);
    expect(x.argmax(0, true).toList()).toEqual([[1, 0, 0]]);
  });

  test('toString prints like numpy and summarises large arrays', () => {
    expect(new MLArray([[1, 2], [3, 4]]).toString()).toBe('MLArray([[1, 2],\n         [3, 4]], shape=[2, 2])');
    expect(new MLArray(0.5).toString()).toBe('MLArray(0.5, shape=[])');
    const big = zeros(100, 100).toString();
    expect(big).toContain('...');
    expect(big).toContain('shape=[100, 100]');
    expect(big.length).toBeLessThan(1000);
    expect(new MLArray([NaN, Infinity, 1.5]).toString()).toBe('MLArray([nan, inf, 1.5], shape=[3])');
  });
});

// Property tests: broadcasting agrees with an index-by-index definition, and shape
// ops round-trip.
const dim = fc.integer({ min: 1, max: 4 });
const shapeArb = fc.array(dim, { minLength: 0, maxLength: 4 });

function fill(shape: number[], seed: number): MLArray {
  const n = shape.reduce((a, b) => a * b, 1);
  return MLArray.from(Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7)), shape);
}

describe('properties', () => {
  test('broadcast add matches the elementwise definition', () => {
    fc.assert(
      fc.property(shapeArb, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (shape, ones1, drop) => {
        // b: a suffix of `shape` with some dimensions set to 1.
        const bShape = shape.slice(Math.min(drop, shape.length)).map((d, i) => (ones1[i] ? 1 : d));
        const a = fill(shape, 1), b = fill(bShape, 2);
        const out = a.add(b);
        expect(out.shape).toEqual(broadcastShapes('add', shape, bShape));
        const off = shape.length - bShape.length;
        const strides = (s: number[]): number[] => s.map((_, i) => s.slice(i + 1).reduce((p, q) => p * q, 1));
        const sa = strides(shape), sb = strides(bShape);
        for (let flat = 0; flat < out.size; flat++) {
          let rem = flat, ib = 0;
          for (let d = 0; d < shape.length; d++) {
            const idx = Math.floor(rem / sa[d]);
            rem -= idx * sa[d];
            if (d >= off && bShape[d - off] !== 1) ib += idx * sb[d - off];
          }
          expect(out.data[flat]).toBe(a.data[flat] + b.data[ib]);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('broadcast gradients sum back to each operand shape', () => {
    fc.assert(
      fc.property(shapeArb, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (shape, ones1) => {
        const bShape = shape.map((d, i) => (ones1[i] ? 1 : d));
        const a = fill(shape, 3), b = fill(bShape, 4);
        a.mul(b).sum().backward();
        expect(b.grad?.shape).toEqual(bShape);
        // d/db Σ a·b = Σ over broadcast dims of a; its total equals Σ a.
        const total = (x: ArrayLike<number>): number => Array.from(x).reduce((p, q) => p + q, 0);
        expect(total(b.grad!.data)).toBeCloseTo(total(a.data), 9);
      }),
      { numRuns: 200 },
    );
  });

  test('reshape and transpose round-trip', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const a = fill(shape, 5);
        expect(a.reshape(-1).reshape(...shape).toList()).toEqual(a.toList());
        const perm = shape.map((_, i) => i).reverse();
        expect(a.transpose().transpose().toList()).toEqual(a.toList());
        const inv = new Array<number>(perm.length);
        perm.forEach((p, i) => (inv[p] = i));
        expect(a.transpose(perm).transpose(inv).toList()).toEqual(a.toList());
      }),
      { numRuns: 200 },
    );
  });
});
