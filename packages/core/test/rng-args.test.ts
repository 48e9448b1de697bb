import fc from 'fast-check';
import { Rng, isRng, setSeed, defaultRng } from '../src/rng';

function firstDraws(r: Rng, n = 4): number[] {
  return Array.from({ length: n }, () => r.nextUint32());
}

describe('Rng seeds', () => {
  test.each([
    [1.5, /Rng\.seed: seed must be a safe integer \(negative allowed\), got 1\.5/],
    [NaN, /got NaN/],
    [Infinity, /got Infinity/],
    [-Infinity, /got -Infinity/],
    [2 ** 53, /got 9007199254740992/],
    [-(2 ** 53), /got -9007199254740992/],
  ])('new Rng(%p) is a RangeError', (seed, message) => {
    expect(() => new Rng(seed)).toThrow(RangeError);
    expect(() => new Rng(seed)).toThrow(message);
    expect(() => setSeed(seed)).toThrow(/setSeed: seed must be a safe integer/);
  });

  test.each([['1'], [null], [undefined], [{}], [1n]])('new Rng(%p) is a TypeError', (seed) => {
    expect(() => new Rng(seed as never)).toThrow(TypeError);
    expect(() => new Rng(seed as never)).toThrow(/Rng\.seed: seed must be a number, got/);
    expect(() => setSeed(seed as never)).toThrow(TypeError);
  });

  test('a rejected setSeed leaves the default generator where it was', () => {
    setSeed(3);
    const expected = new Rng(3).nextUint32();
    expect(() => setSeed(0.5)).toThrow(RangeError);
    expect(defaultRng().nextUint32()).toBe(expected);
  });

  test('negative and large safe-integer seeds are deterministic and distinct from their 32-bit folds', () => {
    expect(firstDraws(new Rng(-1))).toEqual(firstDraws(new Rng(-1)));
    expect(firstDraws(new Rng(Number.MIN_SAFE_INTEGER))).toEqual(firstDraws(new Rng(Number.MIN_SAFE_INTEGER)));
    // These pairs agree in their low 32 bits; they used to share a stream.
    expect(firstDraws(new Rng(-1))).not.toEqual(firstDraws(new Rng(2 ** 32 - 1)));
    expect(firstDraws(new Rng(2 ** 32))).not.toEqual(firstDraws(new Rng(0)));
    expect(firstDraws(new Rng(2 ** 32 + 1))).not.toEqual(firstDraws(new Rng(1)));
    // -0 is the integer 0.
    expect(firstDraws(new Rng(-0))).toEqual(firstDraws(new Rng(0)));
  });

  test('property: distinct safe-integer seeds give distinct states', () => {
    const seed = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(seed, seed, (a, b) => {
        fc.pre(a !== b);
        expect(new Rng(a).getState()).not.toEqual(new Rng(b).getState());
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});

describe('Rng method arguments', () => {
  test('uniform: wrong types are TypeErrors naming the argument', () => {
    const r = new Rng(0);
    expect(() => r.uniform('a' as never)).toThrow(new TypeError('Rng.uniform: lo must be a number, got a string'));
    expect(() => r.uniform(0, null as never)).toThrow(new TypeError('Rng.uniform: hi must be a number, got null'));
  });

  test.each([
    [0, NaN], [NaN, 1], [1, 0], [0, Infinity], [-Infinity, 0], [-1.7e308, 1.7e308],
  ])('uniform(%p, %p) is a RangeError, as in PyTorch and numpy', (lo, hi) => {
    expect(() => new Rng(0).uniform(lo, hi)).toThrow(RangeError);
    expect(() => new Rng(0).uniform(lo, hi)).toThrow(/Rng\.uniform: expected finite lo <= hi with a finite hi - lo/);
  });

  test('uniform(2, 2) is 2 (an empty range is allowed, as torch.uniform_)', () => {
    expect(new Rng(0).uniform(2, 2)).toBe(2);
  });

  test('normal: a non-number is a TypeError; std NaN or negative a RangeError; mean flows as IEEE', () => {
    const r = new Rng(0);
    expect(() => r.normal('a' as never)).toThrow(new TypeError('Rng.normal: mean must be a number, got a string'));
    expect(() => r.normal(0, '1' as never)).toThrow(new TypeError('Rng.normal: std must be a number, got a string'));
    expect(() => r.normal(0, NaN)).toThrow(new RangeError('Rng.normal: std must be a number >= 0, got NaN'));
    expect(() => r.normal(0, -1)).toThrow(RangeError);
    expect(r.normal(NaN, 1)).toBeNaN();
    expect(r.normal(Infinity, 1)).toBe(Infinity);
    expect(r.normal(5, 0)).toBe(5);
  });

  test('int: types, integrality, order and span are checked', () => {
    const r = new Rng(0);
    expect(() => r.int('0' as never, 3)).toThrow(new TypeError('Rng.int: lo must be a number, got a string'));
    expect(() => r.int(0, undefined as never)).toThrow(new TypeError('Rng.int: hi must be a number, got undefined'));
    for (const [lo, hi] of [[0, 2.5], [NaN, 3], [3, 3], [4, 3], [0, 2 ** 32 + 1], [0, 2 ** 53], [-(2 ** 53), 0]]) {
      expect(() => r.int(lo, hi)).toThrow(RangeError);
    }
    expect(r.int(0, 2 ** 32)).toBeGreaterThanOrEqual(0);
    expect(r.int(-5, -4)).toBe(-5);
  });

  test('shuffle: non-array-likes are TypeErrors; typed arrays shuffle', () => {
    const r = new Rng(0);
    expect(() => r.shuffle(null as never)).toThrow(new TypeError('Rng.shuffle: expected an array or typed array, got null'));
    expect(() => r.shuffle('abc' as never)).toThrow(TypeError);
    expect(() => r.shuffle(5 as never)).toThrow(TypeError);
    expect(() => r.shuffle({ length: -1 } as never)).toThrow(/non-negative integer length, got length -1/);
    expect(() => r.shuffle({ length: 'x' } as never)).toThrow(/got length a string/);
    const t = r.shuffle(new Float64Array([1, 2, 3, 4, 5]));
    expect(Array.from(t).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(r.shuffle([])).toEqual([]);
  });

  test('a rejected call draws nothing', () => {
    const r = new Rng(8), twin = new Rng(8);
    r.normal(); twin.normal(); // a spare is cached in both
    expect(() => r.uniform(1, 0)).toThrow(RangeError);
    expect(() => r.normal(0, -1)).toThrow(RangeError);
    expect(() => r.int(2, 1)).toThrow(RangeError);
    expect(() => r.shuffle(null as never)).toThrow(TypeError);
    expect(r.getState()).toEqual(twin.getState());
    expect(r.normal()).toBe(twin.normal());
  });

  test('isRng recognises generators by brand, not by shape', () => {
    expect(isRng(new Rng(0))).toBe(true);
    expect(isRng({ uniform: () => 0, normal: () => 0 })).toBe(false);
    expect(isRng(null)).toBe(false);
    expect(isRng(Object.create(Rng.prototype))).toBe(false);
  });
});
