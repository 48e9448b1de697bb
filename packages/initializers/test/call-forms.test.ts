// Both call forms give the same shapes; bad dimensions and options are refused.
import { Rng } from '@smolml/core';
import {
  Constant,
  HeInitialization,
  HeUniform,
  type Initializer,
  LeCunNormal,
  LeCunUniform,
  Ones,
  Orthogonal,
  RandomUniform,
  TruncatedNormal,
  WeightInitializer,
  XavierNormal,
  XavierUniform,
  Zeros,
} from '../src';

const all: [string, Initializer][] = [
  ['RandomUniform', RandomUniform],
  ['XavierUniform', XavierUniform],
  ['XavierNormal', XavierNormal],
  ['HeInitialization', HeInitialization],
  ['HeUniform', HeUniform],
  ['LeCunNormal', LeCunNormal],
  ['LeCunUniform', LeCunUniform],
  ['TruncatedNormal', TruncatedNormal],
  ['Orthogonal', Orthogonal],
  ['Zeros', Zeros],
  ['Ones', Ones],
];

describe.each(all)('%s', (name, init) => {
  test.each([[[3, 4]], [[2, 3, 4]], [[1, 1]], [[5, 1]]])('shape %j from both call forms', (dims) => {
    const a = init.initialize(...dims);
    const b = init.initialize(dims, { rng: new Rng(0) });
    expect(a.shape).toEqual(dims);
    expect(b.shape).toEqual(dims);
    expect(a.size).toBe(dims.reduce((x, y) => x * y, 1));
    expect(a.requiresGrad).toBe(true);
  });

  test('requiresGrad: false makes a constant', () => {
    expect(init.initialize([2, 2], { requiresGrad: false }).requiresGrad).toBe(false);
  });

  test.each([
    ['empty', [] as number[]],
    ['zero', [3, 0]],
    ['negative', [-2, 3]],
    ['fractional', [2.5, 3]],
    ['NaN', [NaN, 3]],
    ['Infinity', [Infinity, 3]],
  ])('%s dims throw a RangeError naming the call', (_kind, dims) => {
    expect(() => init.initialize(...dims)).toThrow(RangeError);
    expect(() => init.initialize(dims)).toThrow(`${name}.initialize:`);
  });

  test('an unknown option is refused, not ignored', () => {
    expect(() => init.initialize([2, 2], { seed: 1 } as never)).toThrow(/unknown option 'seed'/);
  });

  test('options with separate dimensions are refused with a hint', () => {
    const call = init.initialize as unknown as (...args: unknown[]) => unknown;
    expect(() => call(2, 2, { rng: new Rng(0) })).toThrow(/options go with the array form/);
  });

  test('the dims array is not modified', () => {
    const dims = Object.freeze([3, 4]);
    expect(init.initialize(dims).shape).toEqual([3, 4]);
  });
});

test('1-D shapes: fanOut equals fanIn', () => {
  // XavierUniform with fanIn = fanOut = 8: a = sqrt(6 / 16)
  const w = XavierUniform.initialize([8], { rng: new Rng(1) });
  const rng = new Rng(1);
  const a = Math.sqrt(6 / 16);
  expect(Array.from(w.data)).toEqual(Array.from({ length: 8 }, () => rng.uniform(-a, a)));
});

test('Zeros, Ones and Constant fill', () => {
  expect(Zeros.initialize(2, 3).toList()).toEqual([[0, 0, 0], [0, 0, 0]]);
  expect(Ones.initialize(3).toList()).toEqual([1, 1, 1]);
  expect(Constant.initialize([2, 2], { value: 0.25 }).toList()).toEqual([[0.25, 0.25], [0.25, 0.25]]);
  expect(Constant.initialize([2], { value: -3, requiresGrad: false }).requiresGrad).toBe(false);
  // a layer may pass its rng to any initializer; a fill ignores it
  expect(Zeros.initialize([2], { rng: new Rng(0) }).toList()).toEqual([0, 0]);
});

test('Constant requires a finite value', () => {
  expect(() => Constant.initialize(2, 2)).toThrow(/expected a finite \{ value \}/);
  expect(() => Constant.initialize([2, 2], { value: NaN })).toThrow(RangeError);
  expect(() => Constant.initialize([2, 2], { value: 1, gain: 2 } as never)).toThrow(/unknown option 'gain'/);
});

test.each([
  ['gain', { gain: 0 }],
  ['gain', { gain: -1 }],
  ['gain', { gain: NaN }],
  ['fanIn', { fanIn: 0 }],
  ['fanOut', { fanOut: Infinity }],
])('bad %s throws a RangeError', (name, options) => {
  expect(() => XavierUniform.initialize([3, 4], options)).toThrow(new RegExp(`${name} must be a finite number > 0`));
});

test('bad limit, std and mean throw RangeErrors', () => {
  expect(() => RandomUniform.initialize([3], { limit: 0 })).toThrow(/limit must be a finite number > 0/);
  expect(() => TruncatedNormal.initialize([3], { std: -1 })).toThrow(/std must be a finite number > 0/);
  expect(() => TruncatedNormal.initialize([3], { mean: NaN })).toThrow(/mean must be a finite number/);
});

test('Orthogonal needs a matrix', () => {
  expect(() => Orthogonal.initialize(5)).toThrow(/needs at least 2 dimensions/);
});

test('the base class has no rule of its own', () => {
  expect(() => WeightInitializer.initialize(3, 4)).toThrow(/abstract base/);
});
