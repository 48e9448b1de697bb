import { Rng } from '@smolml/core';
import { Constant, HeInitialization, Ones, Orthogonal, RandomUniform, TruncatedNormal, XavierNormal, XavierUniform, Zeros } from '../src';

// Every initializer takes a dtype; the same seed draws the same stream in both dtypes
// (drawn in double, rounded once for float32), so a float32 and a float64 run start
// from the same weights.
const random = [RandomUniform, XavierUniform, XavierNormal, HeInitialization, TruncatedNormal, Orthogonal];

describe.each(random.map((c) => [c.name, c] as const))('%s', (_name, Init) => {
  test('float32 weights are the float64 stream rounded once', () => {
    const w64 = Init.initialize([20, 10], { rng: new Rng(3) });
    const w32 = Init.initialize([20, 10], { rng: new Rng(3), dtype: 'float32' });
    expect(w64.dtype).toBe('float64');
    expect(w32.dtype).toBe('float32');
    expect(w32.data).toBeInstanceOf(Float32Array);
    expect(Array.from(w32.data)).toEqual(Array.from(w64.data, (v) => Math.fround(v)));
  });
  test('a bad dtype is a TypeError naming the initializer', () => {
    expect(() => Init.initialize([2, 2], { dtype: 'int8' as never })).toThrow(new RegExp(`${Init.name}.*dtype`));
    expect(() => Init.initialize([2, 2], { dtype: 'int8' as never })).toThrow(TypeError);
  });
});

test.each([['Zeros', () => Zeros.initialize([3], { dtype: 'float32' }), 0], ['Ones', () => Ones.initialize([3], { dtype: 'float32' }), 1], ['Constant', () => Constant.initialize([3], { value: 0.1, dtype: 'float32' }), Math.fround(0.1)]] as const)('%s takes a dtype', (_n, make, v) => {
  const a = make();
  expect(a.dtype).toBe('float32');
  expect(Array.from(a.data)).toEqual([v, v, v]);
});
