// Large draws from every random initializer match the formula: the sample mean lies
// within 3 standard errors of 0, the sample std within 2% of the formula's, and no draw
// leaves the distribution's support.
import { MLArray, Rng } from '@smolml/core';
import {
  HeInitialization,
  HeUniform,
  type InitializerOptions,
  LeCunNormal,
  LeCunUniform,
  RandomUniform,
  TruncatedNormal,
  XavierNormal,
  XavierUniform,
} from '../src';
import { stats } from './helpers';

type Init = (dims: number[], options: InitializerOptions) => MLArray;

interface Case {
  name: string;
  init: Init;
  /** Uniform half-width, or undefined for a normal. */
  limit?: (fanIn: number, fanOut: number) => number;
  std: (fanIn: number, fanOut: number) => number;
}

const sqrt = Math.sqrt;
const cases: Case[] = [
  { name: 'RandomUniform', init: (d, o) => RandomUniform.initialize(d, o), limit: () => 1, std: () => 1 / sqrt(3) },
  { name: 'XavierUniform', init: (d, o) => XavierUniform.initialize(d, o), limit: (i, o) => sqrt(6 / (i + o)), std: (i, o) => sqrt(2 / (i + o)) },
  { name: 'XavierNormal', init: (d, o) => XavierNormal.initialize(d, o), std: (i, o) => sqrt(2 / (i + o)) },
  { name: 'HeInitialization', init: (d, o) => HeInitialization.initialize(d, o), std: (i) => sqrt(2 / i) },
  { name: 'HeUniform', init: (d, o) => HeUniform.initialize(d, o), limit: (i) => sqrt(6 / i), std: (i) => sqrt(2 / i) },
  { name: 'LeCunNormal', init: (d, o) => LeCunNormal.initialize(d, o), std: (i) => sqrt(1 / i) },
  { name: 'LeCunUniform', init: (d, o) => LeCunUniform.initialize(d, o), limit: (i) => sqrt(3 / i), std: (i) => sqrt(1 / i) },
];

// Non-square shapes, so that swapping fanIn and fanOut would be caught.
const shapes: { dims: number[]; fanIn: number; fanOut: number }[] = [
  { dims: [400, 250], fanIn: 400, fanOut: 250 },
  { dims: [60, 40, 50], fanIn: 60, fanOut: 50 },
  { dims: [100000], fanIn: 100000, fanOut: 100000 },
];

function expectMatches(data: ArrayLike<number>, expectedStd: number, limit?: number): void {
  const s = stats(data);
  const standardError = expectedStd / Math.sqrt(s.n);
  expect(Math.abs(s.mean)).toBeLessThan(3 * standardError);
  expect(Math.abs(s.std / expectedStd - 1)).toBeLessThan(0.02);
  if (limit !== undefined) {
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeLessThan(limit);
    // A uniform draw of 100k fills its interval: both ends are approached.
    expect(s.max).toBeGreaterThan(0.99 * limit);
    expect(s.min).toBeLessThan(-0.99 * limit);
  }
}

describe.each(cases)('$name', ({ init, limit, std }) => {
  test.each(shapes)('dims $dims: mean, std and bounds follow the formula', ({ dims, fanIn, fanOut }) => {
    const w = init(dims, { rng: new Rng(11) });
    expect(w.shape).toEqual(dims);
    expectMatches(w.data, std(fanIn, fanOut), limit?.(fanIn, fanOut));
  });

  test('gain multiplies the spread', () => {
    const w = init([400, 250], { rng: new Rng(12), gain: 2.5 });
    expectMatches(w.data, 2.5 * std(400, 250), limit === undefined ? undefined : 2.5 * limit(400, 250));
  });

  test('fanIn and fanOut options override the shape', () => {
    const w = init([400, 250], { rng: new Rng(13), fanIn: 90, fanOut: 30 });
    expectMatches(w.data, std(90, 30), limit?.(90, 30));
  });
});

test('RandomUniform limit option sets the half-width', () => {
  const w = RandomUniform.initialize([400, 250], { rng: new Rng(14), limit: 0.3 });
  expectMatches(w.data, 0.3 / sqrt(3), 0.3);
});

describe('TruncatedNormal', () => {
  // Variance of a standard normal truncated to [-2, 2]: 1 - 2·2·φ(2) / (2Φ(2) - 1),
  // with φ(2) = e^-2 / √(2π) and 2Φ(2) - 1 = erf(√2) = 0.9544997361036416.
  const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
  const factor = Math.sqrt(1 - (4 * phi2) / 0.9544997361036416);

  test('defaults: mean 0, std 0.05 before truncation, draws within 2 std', () => {
    const w = TruncatedNormal.initialize([400, 250], { rng: new Rng(15) });
    const s = stats(w.data);
    expect(Math.abs(s.mean)).toBeLessThan((3 * 0.05 * factor) / Math.sqrt(s.n));
    expect(Math.abs(s.std / (0.05 * factor) - 1)).toBeLessThan(0.02);
    expect(s.min).toBeGreaterThanOrEqual(-0.1);
    expect(s.max).toBeLessThanOrEqual(0.1);
    expect(s.max).toBeGreaterThan(0.099);
  });

  test('mean, std and gain options', () => {
    const w = TruncatedNormal.initialize([400, 250], { rng: new Rng(16), mean: 3, std: 0.5, gain: 2 });
    const s = stats(w.data);
    expect(Math.abs(s.mean - 3)).toBeLessThan((3 * factor) / Math.sqrt(s.n));
    expect(Math.abs(s.std / factor - 1)).toBeLessThan(0.02);
    expect(s.min).toBeGreaterThanOrEqual(1);
    expect(s.max).toBeLessThanOrEqual(5);
  });
});
