// Every initializer draws only from the given Rng (or the default one, seeded by
// setSeed), so a seed fixes the numbers on every run and platform.
import { MLArray, Rng, setSeed } from '@smolml/core';
import {
  HeInitialization,
  HeUniform,
  type Initializer,
  LeCunNormal,
  LeCunUniform,
  Orthogonal,
  RandomUniform,
  TruncatedNormal,
  XavierNormal,
  XavierUniform,
} from '../src';
import { correlation } from './helpers';

const random: [string, Initializer][] = [
  ['RandomUniform', RandomUniform],
  ['XavierUniform', XavierUniform],
  ['XavierNormal', XavierNormal],
  ['HeInitialization', HeInitialization],
  ['HeUniform', HeUniform],
  ['LeCunNormal', LeCunNormal],
  ['LeCunUniform', LeCunUniform],
  ['TruncatedNormal', TruncatedNormal],
  ['Orthogonal', Orthogonal],
];

const bits = (a: MLArray): number[] => Array.from(a.data);

describe.each(random)('%s', (_name, init) => {
  test('the same explicit rng seed gives the same numbers', () => {
    const a = init.initialize([30, 20], { rng: new Rng(5) });
    const b = init.initialize([30, 20], { rng: new Rng(5) });
    expect(bits(a)).toEqual(bits(b));
  });

  test('setSeed(n) makes the variadic form reproducible, and matches new Rng(n)', () => {
    setSeed(5);
    const a = init.initialize(30, 20);
    setSeed(5);
    const b = init.initialize(30, 20);
    const c = init.initialize([30, 20], { rng: new Rng(5) });
    expect(bits(a)).toEqual(bits(b));
    expect(bits(a)).toEqual(bits(c));
  });

  test('different seeds give uncorrelated draws', () => {
    const a = init.initialize([100, 100], { rng: new Rng(1) });
    const b = init.initialize([100, 100], { rng: new Rng(2) });
    // |r| of two independent samples of 10 000 is below 3 / √10 000 with probability 0.997.
    expect(Math.abs(correlation(a.data, b.data))).toBeLessThan(0.03);
  });

  test('successive calls on one generator continue its stream', () => {
    const rng = new Rng(9);
    const a = init.initialize([10, 10], { rng });
    const b = init.initialize([10, 10], { rng });
    expect(bits(a)).not.toEqual(bits(b));
  });
});

test('uniform initializers are exactly U(-a, a) drawn from the generator in order', () => {
  const w = XavierUniform.initialize([7, 5], { rng: new Rng(21) });
  const rng = new Rng(21);
  const a = Math.sqrt(6 / 12);
  expect(bits(w)).toEqual(Array.from({ length: 35 }, () => rng.uniform(-a, a)));
});

test('normal initializers are exactly σ · N(0, 1) drawn from the generator in order', () => {
  const w = HeInitialization.initialize([7, 5], { rng: new Rng(22) });
  const rng = new Rng(22);
  const sigma = Math.sqrt(2 / 7);
  expect(bits(w)).toEqual(Array.from({ length: 35 }, () => sigma * rng.normal()));
});
