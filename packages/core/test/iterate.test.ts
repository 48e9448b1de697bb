import { MLArray } from '../src';

describe('iteration and typed toList', () => {
  test('iterates over the first axis; each item is a copy', () => {
    const a = new MLArray([[1, 2], [3, 4], [5, 6]]);
    const rows = [...a];
    expect(rows.map((r) => r.toList<number[]>())).toEqual([[1, 2], [3, 4], [5, 6]]);
    rows[0].data[0] = 99;
    expect(a.get(0, 0)).toBe(1);
    const scalars = [...new MLArray([7, 8])].map((x) => x.item());
    expect(scalars).toEqual([7, 8]);
  });
  test('a 0-d array is not iterable (TypeError)', () => {
    const z = new MLArray(3);
    expect(() => [...(z as unknown as Iterable<MLArray>)]).toThrow(TypeError);
  });
  test('gradients flow through the items', () => {
    const a = new MLArray([[1, 2], [3, 4]]);
    let total = new MLArray(0);
    for (const row of a) total = total.add(row.mul(row).sum());
    total.backward();
    expect(a.grad!.toList()).toEqual([[2, 4], [6, 8]]);
  });
  test("toEqual still compares arrays by value", () => {
    expect(new MLArray([[1, 2]])).toEqual(new MLArray([[1, 2]]));
    expect(new MLArray([[1, 2]])).not.toEqual(new MLArray([[1, 3]]));
    expect(new MLArray(1)).toEqual(new MLArray(1));
  });
  test('toList takes the expected type without a cast', () => {
    const m: number[][] = new MLArray([[1]]).toList<number[][]>();
    expect(m[0][0]).toBe(1);
  });
});

test('nested iteration of a leaf and of a computed array passes gradients', () => {
  const a = new MLArray([[1, 2], [3, 4]]);
  let t = new MLArray(0);
  for (const row of a) for (const x of row) t = t.add(x.mul(x));
  const c = a.mul(3);
  for (const row of c) for (const x of row) t = t.add(x);
  t.backward();
  expect(a.grad!.toList()).toEqual([[5, 7], [9, 11]]);
});
