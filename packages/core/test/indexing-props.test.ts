// Property tests for the indexing and joining ops: round trips (slice/concat,
// split/concat, stack/slice, reversing twice), take with arange-like indices as the
// identity, and take's scatter-add counting duplicates, over random shapes and axes in
// both dtypes.
import fc from 'fast-check';
import { type DType, type SliceSpec, MLArray, concat, stack } from '../src';

const dtypeArb = fc.constantFrom<DType>('float64', 'float32');
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });

function fill(shape: readonly number[], dtype: DType, seed = 0): MLArray {
  const n = shape.reduce((a, b) => a * b, 1);
  return MLArray.from(Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.3) * 10), shape, { dtype });
}

function sameArray(a: MLArray, b: MLArray): void {
  expect(a.shape).toEqual(b.shape);
  expect(a.dtype).toBe(b.dtype);
  expect(Array.from(a.data)).toEqual(Array.from(b.data));
}

// The specs that select `spec` on `axis` and everything on the axes before it.
const at = (axis: number, spec: SliceSpec): SliceSpec[] => [...Array<SliceSpec>(axis).fill([]), spec];

describe('properties', () => {
  test('slicing an axis at any cut and concatenating the halves gives the array back', () => {
    fc.assert(
      fc.property(shapeArb, dtypeArb, fc.nat(), fc.nat(), (shape, dtype, ax, cut) => {
        const axis = ax % shape.length, k = cut % (shape[axis] + 1);
        const x = fill(shape, dtype);
        const left = x.slice(...at(axis, [null, k])), right = x.slice(...at(axis, [k]));
        expect(left.shape[axis] + right.shape[axis]).toBe(shape[axis]);
        sameArray(concat([left, right], axis), x);
        // a negative axis names the same axis
        sameArray(concat([left, right], axis - shape.length), x);
      }),
      { numRuns: 150 },
    );
  });

  test('split then concat is the identity, and the pieces have the sizes asked for', () => {
    fc.assert(
      fc.property(shapeArb, dtypeArb, fc.nat(), fc.integer({ min: 1, max: 5 }), (shape, dtype, ax, chunk) => {
        const axis = ax % shape.length;
        const x = fill(shape, dtype, 1);
        const pieces = x.split(chunk, axis);
        expect(pieces.length).toBe(Math.ceil(shape[axis] / chunk));
        pieces.forEach((p, i) => expect(p.shape[axis]).toBe(Math.min(chunk, shape[axis] - i * chunk)));
        sameArray(concat(pieces, axis), x);
        const sizes = pieces.map((p) => p.shape[axis]).reverse();
        sameArray(concat(x.split(sizes, axis), axis), x);
      }),
      { numRuns: 150 },
    );
  });

  test('take with arange indices is the identity, and its gradient is all ones', () => {
    fc.assert(
      fc.property(shapeArb, dtypeArb, fc.nat(), fc.boolean(), (shape, dtype, ax, negative) => {
        const axis = ax % shape.length, n = shape[axis];
        const x = fill(shape, dtype, 2);
        // arange(n), or the same positions counted from the end (i - n)
        const idx = Array.from({ length: n }, (_, i) => (negative ? i - n : i));
        const y = x.take(idx, axis);
        sameArray(y, x.detach());
        y.sum().backward();
        expect(Array.from(x.grad?.data ?? [])).toEqual(Array<number>(x.size).fill(1));
      }),
      { numRuns: 150 },
    );
  });

  test('take gathers what get reads, and its gradient counts how often each entry was taken', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), dtypeArb,
        fc.array(fc.nat(), { minLength: 0, maxLength: 12 }),
        (n, width, dtype, raw) => {
          const x = fill([n, width], dtype, 3);
          const idx = raw.map((v) => v % n);
          const y = x.take(idx);
          idx.forEach((v, t) => {
            for (let k = 0; k < width; k++) expect(y.get(t, k)).toBe(x.get(v, k));
          });
          y.sum().backward();
          for (let v = 0; v < n; v++) {
            const count = idx.filter((i) => i === v).length;
            for (let k = 0; k < width; k++) expect(x.grad?.get(v, k)).toBe(count);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('stack then an integer slice on the new axis gives every part back', () => {
    fc.assert(
      fc.property(shapeArb, dtypeArb, fc.integer({ min: 1, max: 4 }), fc.nat(), (shape, dtype, count, ax) => {
        const axis = ax % (shape.length + 1);
        const parts = Array.from({ length: count }, (_, i) => fill(shape, dtype, 10 + i));
        const s = stack(parts, axis);
        expect(s.shape[axis]).toBe(count);
        parts.forEach((p, i) => sameArray(s.slice(...at(axis, i)), p.detach()));
        // unsqueeze + concat is the same join
        sameArray(concat(parts.map((p) => p.unsqueeze(axis)), axis), s);
      }),
      { numRuns: 150 },
    );
  });

  test('reversing an axis twice is the identity; any step of 1 over the whole axis too', () => {
    fc.assert(
      fc.property(shapeArb, dtypeArb, fc.nat(), fc.integer({ min: -10, max: 10 }), (shape, dtype, ax, big) => {
        const axis = ax % shape.length;
        const x = fill(shape, dtype, 4);
        const rev = x.slice(...at(axis, [null, null, -1]));
        sameArray(rev.slice(...at(axis, [null, null, -1])), x);
        // bounds past the ends clamp, as Python's
        sameArray(x.slice(...at(axis, [-shape[axis] - Math.abs(big), shape[axis] + Math.abs(big)])), x);
      }),
      { numRuns: 150 },
    );
  });
});
