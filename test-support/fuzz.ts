// Hostile-input generators and outcome checks for the property fuzz tests of several
// packages (imported by a relative path, like fixture.ts). Like fixture.ts it imports
// nothing from @smolml/*: a suite passes in how to build its arrays and Values and which
// class is core's ShapeError, so the generators serve every package, core included, in
// both dtypes.
import fc from 'fast-check';

/** How a suite builds the genuine objects the generators mix in. */
export interface Makers<A, V> {
  array(data: number[], shape: number[], dtype: 'float64' | 'float32', requiresGrad: boolean): A;
  value(x: number): V;
}

/** One seed for every fuzz test, so a failure replays exactly. */
export const FUZZ_SEED = 20241201;

const ARRAY_BRAND = Symbol.for('smolml.MLArray');
const VALUE_BRAND = Symbol.for('smolml.Value');

/** Numbers that are wrong as a parameter, an axis or an option somewhere: NaN, ±Infinity, negative, fractional, huge, -0. */
export const badNumbers: fc.Arbitrary<number> = fc.constantFrom(
  NaN, Infinity, -Infinity, -1, -0, 0, 0.5, 1.5, -2.5, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, 1e-300, 64, 65, 1e9,
);

/** Numbers as data: ordinary ones, the extremes and the IEEE specials. */
export const dataNumbers: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, 1e4, -1e4, 1e300, -1e300, 1e-300, NaN, Infinity, -Infinity) },
);

/**
 * Everything that is not a number, an array or a Value: the wrong types a careless
 * caller passes, in groups of equal weight so the rare kinds (a Symbol, a BigInt) come
 * up as often as the common ones.
 */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, true, false),
  fc.constantFrom<unknown>(Symbol('s'), 10n, -1n),
  fc.oneof(fc.constantFrom('', '1', 'abc', 'mean', 'tanh'), fc.string({ maxLength: 4 })),
  fc.constantFrom<unknown>([], [1, 2], [[1], [2, 3]], ['a'], [null]),
  fc.array(fc.oneof(fc.integer({ min: -3, max: 5 }), fc.string({ maxLength: 1 })), { maxLength: 4 }),
  fc.constantFrom<unknown>({}, { length: 3 }, { length: -1 }, { length: NaN }, { length: 2 ** 40 }, Object.create(null),
    { reduction: 'sum' }, { valueOf: () => 3 }, { toString: () => 'x' }),
  fc.constantFrom<unknown>(() => 1, new Date(0), new Map(), new Set([1]), new ArrayBuffer(8)),
  fc.constantFrom<unknown>(new Float64Array(2), new Float32Array([1, NaN]), new Int32Array(3), new Uint8Array(0)),
  badNumbers,
);

/** A self-containing array (its shape would never end). */
export function cyclic(): unknown[] {
  const a: unknown[] = [1];
  a.push(a);
  return a;
}

/** Objects that carry the MLArray brand without being arrays (bad storage, or no methods). */
export function forgedArrays(): fc.Arbitrary<unknown> {
  return fc.constantFrom<() => unknown>(
    () => ({ [ARRAY_BRAND]: true, data: [1, 2], shape: [2], size: 2, requiresGrad: true, _prev: [] }),
    () => ({ [ARRAY_BRAND]: true, data: new Float64Array(1), shape: [3], size: 3, requiresGrad: true, _prev: [] }),
    () => ({ [ARRAY_BRAND]: true, data: ['a', 'b'], shape: [2], size: 2, requiresGrad: false, _prev: [] }),
    () => ({ [ARRAY_BRAND]: true, data: new Float64Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [] }),
    () => ({ [ARRAY_BRAND]: true, data: new Float32Array(4), shape: [2, 2], size: 4, requiresGrad: false, _prev: [] }),
    () => ({ [ARRAY_BRAND]: true, data: new Float64Array(2), shape: 'x', size: 2, requiresGrad: true, _prev: [] }),
    () => ({ [ARRAY_BRAND]: true }),
  ).map((make) => make());
}

/** Objects that carry the Value brand without being Values. */
export function forgedValues(): fc.Arbitrary<unknown> {
  return fc.constantFrom<() => unknown>(
    () => ({ [VALUE_BRAND]: true, data: 'x', grad: 0 }),
    () => ({ [VALUE_BRAND]: true, data: 1, grad: 0 }),
    () => ({ [VALUE_BRAND]: true }),
  ).map((make) => make());
}

/** A shape of 0 to `maxDims` dimensions, each of length 0 to 4 (so every case stays small). */
export function shapes(maxDims = 3, minDims = 0): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: 4 }), { minLength: minDims, maxLength: maxDims });
}

/** Genuine arrays of either dtype, with data of every kind and either requiresGrad. */
export function arrays<A, V>(make: Makers<A, V>, shape: fc.Arbitrary<number[]> = shapes()): fc.Arbitrary<A> {
  return shape.chain((s) => {
    const n = s.reduce((a, b) => a * b, 1);
    return fc.record({
      data: fc.array(dataNumbers, { minLength: n, maxLength: n }),
      dtype: fc.constantFrom<'float64' | 'float32'>('float64', 'float32'),
      requiresGrad: fc.boolean(),
    }).map(({ data, dtype, requiresGrad }) => make.array(data, s, dtype, requiresGrad));
  });
}

/** Genuine Values holding data of every kind. */
export function values<A, V>(make: Makers<A, V>): fc.Arbitrary<V> {
  return dataNumbers.map((x) => make.value(x));
}

/** Anything at all: junk, forgeries, a cycle, and genuine arrays and Values. */
export function anything<A, V>(make: Makers<A, V>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: junk },
    { weight: 1, arbitrary: forgedArrays() },
    { weight: 1, arbitrary: forgedValues() },
    { weight: 1, arbitrary: fc.constant(null).map(() => cyclic()) },
    { weight: 3, arbitrary: arrays(make) },
    { weight: 1, arbitrary: values(make) },
  );
}

/** An options object built from the given keys with any values (or, sometimes, not an object at all). */
export function options<A, V>(make: Makers<A, V>, keys: readonly string[], good: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<unknown> {
  const model = (ks: readonly string[]): Record<string, fc.Arbitrary<unknown>> => {
    const m: Record<string, fc.Arbitrary<unknown>> = {};
    for (const k of ks) m[k] = fc.oneof(good[k] ?? junk, junk, badNumbers);
    return m;
  };
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(model(keys), { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.record(model([...keys, 'reducton', 'unknownOption']), { requiredKeys: [] }) },
    { weight: 1, arbitrary: anything(make) },
  );
}

// Messages of errors that escaped from JavaScript itself instead of being SmolML's own.
const GENERIC = /Cannot read propert|is not a function|is not iterable|Invalid typed array length|Invalid array length|Maximum call stack|Cannot convert|Do not know how to serialize|undefined is not|null is not|of undefined|of null|Cannot mix BigInt/;

/**
 * Runs `call` and returns its result, or undefined when it threw one of SmolML's typed
 * errors: a TypeError, RangeError or `shapeError` whose message starts with one of
 * `names` and a colon, and is not one of JavaScript's own messages. Anything else (another
 * class, a generic message, a message naming no function) is rethrown, so the property fails.
 */
export function typedOutcome<T>(names: readonly string[], shapeError: abstract new (...args: never[]) => Error, call: () => T): T | undefined {
  try {
    return call();
  } catch (e) {
    const ok = (e instanceof TypeError || e instanceof RangeError || e instanceof shapeError) &&
      names.some((n) => e.message.startsWith(`${n}: `)) && !GENERIC.test(e.message);
    if (!ok) {
      const what = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
      throw new Error(`expected a typed error naming ${names.join(' or ')}, got ${what}`);
    }
    return undefined;
  }
}

/** A deep snapshot of what an argument holds (its data, shape and flags), to prove it unchanged afterwards. */
export function snapshot(x: unknown): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
  if (Array.isArray(x)) return x.map((v) => (v === x ? '<cycle>' : snapshot(v)));
  const o = x as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ['data', 'shape', 'requiresGrad', 'dtype']) if (k in o) out[k] = snapshot(o[k]);
  for (const k of Object.keys(o)) if (!(k in out) && !k.startsWith('_') && k !== 'grad') out[k] = snapshot(o[k]);
  return out;
}
