// Property fuzz: random bad values (wrong types, NaN, negative, fractional, huge,
// forged brands, a self-containing array, mismatched shapes, mixed dtypes) at every
// public function. Only SmolML's typed errors naming the function, or correct results,
// may come out, and no argument may change. Fixed seed; sizes stay small, so it is quick.
import fc from 'fast-check';
import { MLArray, ShapeError, Value } from '@smolml/core';
import * as pkg from '../src';
import {
  FUZZ_SEED, type Makers, anything, arrays, badNumbers, dataNumbers, junk, options, shapes, snapshot, typedOutcome,
} from '../../../test-support/fuzz';

const make: Makers<MLArray, Value> = {
  array: (data, shape, dtype, requiresGrad) => MLArray.from(data, shape, { dtype, requiresGrad }),
  value: (x) => new Value(x),
};
const RUNS = { seed: FUZZ_SEED, numRuns: 200 };
const dtype = fc.constantFrom<'float64' | 'float32'>('float64', 'float32');
// Data that is often valid for some loss: probabilities, labels, ±1.
const lossData = fc.oneof(dataNumbers, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, -1));

/** Two genuine arrays of one shape, each in either dtype: the arguments most losses accept. */
const pair = shapes(3).chain((s) => {
  const n = s.reduce((a, b) => a * b, 1);
  const one = fc.tuple(fc.array(lossData, { minLength: n, maxLength: n }), dtype, fc.boolean())
    .map(([d, t, g]) => MLArray.from(d, s, { dtype: t, requiresGrad: g }));
  return fc.tuple(one, one);
});
const arg = anything(make);
/** Predictions with ±1 labels of the same shape (hinge's valid input), in either dtype. */
const signed = shapes(3).chain((s) => {
  const n = s.reduce((a, b) => a * b, 1);
  return fc.tuple(fc.array(dataNumbers, { minLength: n, maxLength: n }), fc.array(fc.constantFrom(-1, 1), { minLength: n, maxLength: n }), dtype, dtype)
    .map(([d, l, a, b]) => [MLArray.from(d, s, { dtype: a }), MLArray.from(l, s, { dtype: b })] as [MLArray, MLArray]);
});
/** yPred [samples..., k] with k ≥ 1 and one class index per sample, mostly in range. */
const sparseCase = shapes(2).chain((samples) => fc.integer({ min: 1, max: 4 }).chain((k) => {
  const n = samples.reduce((a, b) => a * b, 1);
  return fc.tuple(
    fc.array(lossData, { minLength: n * k, maxLength: n * k }), dtype,
    fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
  ).map(([d, t, l]) => [MLArray.from(d, [...samples, k], { dtype: t }), l] as [MLArray, number[]]);
}));
const argPair: fc.Arbitrary<[unknown, unknown]> = fc.oneof(
  { weight: 3, arbitrary: pair },
  { weight: 1, arbitrary: signed },
  { weight: 1, arbitrary: fc.tuple(arrays(make), arrays(make)) },
  { weight: 2, arbitrary: fc.tuple(arg, arg) },
);
const goodOptions: Record<string, fc.Arbitrary<unknown>> = {
  reduction: fc.constantFrom('mean', 'sum', 'none', undefined),
  eps: fc.constantFrom(1e-7, 1e-15, 0.1, undefined),
  labelSmoothing: fc.constantFrom(0, 0.1, 1, undefined),
  delta: fc.constantFrom(0.5, 1, 2, undefined),
  axis: fc.integer({ min: -3, max: 2 }),
  fromLogits: fc.boolean(),
};
const opts = (keys: readonly string[]): fc.Arbitrary<unknown> =>
  fc.oneof(options(make, ['reduction', ...keys], goodOptions), fc.constant(undefined));

const PAIRED: Record<string, readonly string[]> = {
  mseLoss: [], maeLoss: [], hingeLoss: [], binaryCrossEntropy: ['eps', 'labelSmoothing'],
  binaryCrossEntropyWithLogits: ['labelSmoothing'], categoricalCrossEntropy: ['eps', 'labelSmoothing'],
  categoricalCrossEntropyWithLogits: ['labelSmoothing'], softmaxCrossEntropy: ['labelSmoothing'],
  klDivergence: ['eps'], cosineSimilarityLoss: ['axis', 'eps'], huberLoss: ['delta'],
};
type Fn = (...args: unknown[]) => unknown;
const fns = pkg as unknown as Record<string, Fn>;

/** A correct result: an MLArray in the promoted dtype, 0-d unless reduction is 'none'; backward runs. */
function checkResult(y: unknown, dtypes: string[], reduction: unknown): void {
  expect(y).toBeInstanceOf(MLArray);
  const out = y as MLArray;
  expect(out.dtype).toBe(dtypes.includes('float64') ? 'float64' : 'float32');
  if (reduction !== 'none') expect(out.shape).toEqual([]);
  if (out.requiresGrad) out.sum().backward();
}

const reductionOf = (o: unknown): unknown =>
  o !== null && typeof o === 'object' && 'reduction' in o ? (o as { reduction: unknown }).reduction : undefined;

function run(name: string, call: () => unknown, args: unknown[], dtypes: () => string[], reduction: unknown): boolean {
  const before = snapshot(args);
  const y = typedOutcome([name], ShapeError, call);
  if (y !== undefined) checkResult(y, dtypes(), reduction);
  expect(snapshot(args)).toEqual(before);
  return y !== undefined;
}

describe.each(Object.keys(PAIRED).map((n) => [n]))('%s', (name) => {
  it('gives a typed error or a correct result for anything, and changes no argument', () => {
    const f = fns[name];
    let results = 0;
    fc.assert(fc.property(argPair, opts(PAIRED[name]), (pq, o) => {
      const [p, t] = pq;
      const dtypes = () => [(p as MLArray).dtype, (t as MLArray).dtype];
      if (run(name, () => f(p, t, o), [p, t, o], dtypes, reductionOf(o))) results++;
    }), RUNS);
    expect(results).toBeGreaterThan(5);
  });
});

describe('huberLoss with delta positional', () => {
  it('gives a typed error or a correct result for any delta and options', () => {
    let results = 0;
    const delta = fc.oneof(badNumbers, junk, fc.double({ min: 0.1, max: 3, noNaN: true }));
    fc.assert(fc.property(pair, delta, opts([]), ([p, t], d, o) => {
      if (run('huberLoss', () => pkg.huberLoss(p, t, d as number, o as object), [p, t, d, o], () => [p.dtype, t.dtype], reductionOf(o))) results++;
    }), RUNS);
    expect(results).toBeGreaterThan(5);
  });
});

describe('sparseCategoricalCrossEntropy', () => {
  it('gives a typed error or a correct result for any labels and options, and changes no argument', () => {
    const labels = fc.oneof(
      fc.array(fc.oneof(fc.integer({ min: -1, max: 4 }), badNumbers), { maxLength: 6 }),
      arrays(make, shapes(2)),
      fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 6 }).map((a) => Int32Array.from(a)),
      junk,
    );
    let results = 0;
    const args = fc.oneof(sparseCase, fc.tuple(fc.oneof(arrays(make, shapes(3, 1)), arg), labels));
    fc.assert(fc.property(args, opts(['fromLogits', 'eps', 'labelSmoothing']), ([p, l], o) => {
      // labels never decide the dtype: the loss has yPred's
      if (run('sparseCategoricalCrossEntropy', () => pkg.sparseCategoricalCrossEntropy(p as MLArray, l as number[], o as object),
        [p, l, o], () => [(p as MLArray).dtype], reductionOf(o))) results++;
    }), { ...RUNS, numRuns: 400 });
    expect(results).toBeGreaterThan(5);
  });
});
