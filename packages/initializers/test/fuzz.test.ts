import fc from 'fast-check';
import { Rng, ShapeError, isRng } from '@smolml/core';
import * as init from '../src';

// Random bad values thrown at every public function: only typed errors (TypeError,
// RangeError, ShapeError) or a result may come out, never a generic JS error, a hang or
// a modified input. Fixed seed, bounded sizes.
const brand = Symbol.for('smolml.MLArray');
const bad = fc.oneof(
  fc.constantFrom(undefined, null, NaN, -1, 0, 1.5, Infinity, -Infinity, 2 ** 31, '', '3', true, [], [2, 'a'], [NaN], [0], [-2, 3], {}, () => 1, Symbol('s'), 10n),
  fc.integer({ min: -3, max: 6 }),
  fc.constant({ [brand]: true, data: [1], shape: [1], size: 1 }),
  fc.constant({ rng: 'no' }),
  fc.constant({ gain: -1 }),
  fc.constant({ dtype: 'int8' }),
  fc.constant({ rng: new Rng(1), dtype: 'float32' }),
  fc.constant([3, 2]),
);

const classes = [init.RandomUniform, init.XavierUniform, init.XavierNormal, init.HeInitialization, init.HeUniform, init.LeCunNormal, init.LeCunUniform, init.Zeros, init.Ones, init.Constant, init.Orthogonal, init.TruncatedNormal];
type Call = [string, (x: unknown, y: unknown) => unknown];
const calls: Call[] = [
  ...classes.map((C): Call => [`${C.name}.initialize(x, y)`, (x, y) => (C.initialize as (...a: unknown[]) => unknown)(x, y)]),
  ...classes.map((C): Call => [`${C.name}.initialize([2, 3], x)`, (x) => (C.initialize as (...a: unknown[]) => unknown)([2, 3], x)]),
  ['calculateGain', (x, y) => init.calculateGain(x as never, y as never)],
  ['getInitializer', (x) => init.getInitializer(x as never)],
  ['registerInitializer', (x, y) => init.registerInitializer(x as never, y as never)],
];

// Drawing from a given Rng advances it by contract; everything else must be untouched.
const snap = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (isRng(x) ? 'Rng' : typeof x === 'bigint' || typeof x === 'symbol' || typeof x === 'function' ? String(x) : x));
const GENERIC = /Cannot read properties|is not a function|Invalid typed array length|Maximum call stack|Cannot convert|is not iterable/;

describe('fuzz: initializers meet bad input with a typed error or a result', () => {
  test.each(calls)('%s', (name, fn) => {
    fc.assert(
      fc.property(bad, bad, (x, y) => {
        const before = snap([x, y]);
        try {
          fn(x, y);
        } catch (e) {
          if (!(e instanceof TypeError || e instanceof RangeError || e instanceof ShapeError)) throw new Error(`${name}: threw ${String(e)}`);
          if (GENERIC.test((e as Error).message)) throw new Error(`${name}: generic JS error: ${(e as Error).message}`);
        }
        const after = snap([x, y]);
        expect(after).toBe(before);
      }),
      { seed: 20261201, numRuns: 120 },
    );
  });
});
