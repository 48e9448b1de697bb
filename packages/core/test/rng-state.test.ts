import fc from 'fast-check';
import { Rng, RNG_STATE_VERSION } from '../src/rng';

// One draw of any kind, so that a resumed stream is checked across every method.
type Draw = 'u32' | 'next' | 'uniform' | 'normal' | 'int' | 'shuffle';
const drawArb = fc.constantFrom<Draw>('u32', 'next', 'uniform', 'normal', 'int', 'shuffle');

function draw(r: Rng, kind: Draw): unknown {
  switch (kind) {
    case 'u32': return r.nextUint32();
    case 'next': return r.next();
    case 'uniform': return r.uniform(-3, 5);
    case 'normal': return r.normal(1, 2);
    case 'int': return r.int(-10, 1000);
    case 'shuffle': return r.shuffle([0, 1, 2, 3, 4, 5, 6]);
  }
}

const seedArb = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe('Rng.getState / setState', () => {
  test('the state is eight JSON-safe unsigned 32-bit integers, the format version first', () => {
    const r = new Rng(7);
    const s = r.getState();
    expect(s).toHaveLength(8);
    expect(s[0]).toBe(RNG_STATE_VERSION);
    expect(RNG_STATE_VERSION).toBe(1);
    for (const w of s) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    // No spare normal yet: flag and bits are zero.
    expect(s.slice(5)).toEqual([0, 0, 0]);
    // A fresh array each time: mutating it leaves the generator alone.
    s[1] = 0;
    expect(r.getState()[1]).not.toBe(0);
  });

  test('a cached spare normal is part of the state and resumes exactly', () => {
    const r = new Rng(11);
    r.normal();
    const s = r.getState();
    expect(s[5]).toBe(1);
    const expected = r.normal(); // the spare
    const fresh = new Rng(999);
    fresh.setState(JSON.parse(JSON.stringify(s)));
    expect(fresh.normal()).toBe(expected);
    // After the spare is used, the flag is clear and the next pair is drawn.
    expect(fresh.getState()).toEqual(r.getState());
    expect(fresh.getState()[5]).toBe(0);
  });

  test('seed() drops a cached spare', () => {
    const r = new Rng(5);
    r.normal();
    r.seed(5);
    expect(r.getState()).toEqual(new Rng(5).getState());
  });

  test('property: draw k, save, draw more; restore into another Rng and the draws repeat exactly', () => {
    fc.assert(
      fc.property(seedArb, fc.array(drawArb, { maxLength: 30 }), fc.array(drawArb, { minLength: 1, maxLength: 30 }), seedArb, (seed, before, after, other) => {
        const r = new Rng(seed);
        for (const k of before) draw(r, k);
        const saved = JSON.stringify(r.getState());
        const expected = after.map((k) => draw(r, k));
        const q = new Rng(other);
        q.setState(JSON.parse(saved));
        const got = after.map((k) => draw(q, k));
        expect(got).toEqual(expected);
        expect(q.getState()).toEqual(r.getState());
        // And the same generator restored in place repeats itself too.
        r.setState(JSON.parse(saved));
        expect(after.map((k) => draw(r, k))).toEqual(expected);
      }),
      { seed: 20240612, numRuns: 200 },
    );
  });

  test('property: setState then getState gives back any valid state bit for bit (a cached -0 too)', () => {
    const word = fc.integer({ min: 0, max: 2 ** 32 - 1 });
    const finiteBits = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      return [v.getUint32(0), v.getUint32(4)];
    });
    fc.assert(
      fc.property(fc.tuple(word, word, word, word).filter((w) => w.some((x) => x !== 0)), fc.option(finiteBits), (w, spare) => {
        const state = [1, ...w, spare === null ? 0 : 1, ...(spare ?? [0, 0])];
        const r = new Rng(0);
        r.setState(state);
        expect(r.getState()).toEqual(state);
      }),
      { seed: 7, numRuns: 200 },
    );
    const r = new Rng(0);
    r.setState([1, 1, 2, 3, 4, 1, 0x80000000, 0]);
    expect(Object.is(r.normal(-0, 1), -0)).toBe(true); // -0 + 1 * -0 is -0: the sign came through
  });

  test('a restored stream matches a pinned continuation (the layout is stable)', () => {
    // Pins the meaning of the words: s0..s3 are xoshiro128**'s state in order.
    const r = new Rng(0);
    r.setState([1, 1, 2, 3, 4, 0, 0, 0]);
    // xoshiro128** from (1, 2, 3, 4), worked by hand from the reference C code
    // (result = rotl(s1 * 5, 7) * 9): 11520; the state becomes (7, 0, 1026, 12288), so 0;
    // then (12295, 1029, 1029, 25165824), so rotl(5145, 7) * 9 = 5927040.
    expect(r.nextUint32()).toBe(11520);
    expect(r.nextUint32()).toBe(0);
    expect(r.nextUint32()).toBe(5927040);
  });

  describe('rejects a bad state before changing anything', () => {
    const good = (): number[] => new Rng(3).getState();
    const cases: [string, unknown, ErrorConstructor, RegExp][] = [
      ['not an array', 'abc', TypeError, /Rng\.setState: expected an array of 8 integers.*got a string/],
      ['null', null, TypeError, /got null/],
      ['a typed array', new Uint32Array(8), TypeError, /got a Uint32Array/],
      ['too short', [1, 2, 3], RangeError, /expected 8 integers.*got 3/],
      ['too long', [...good(), 0], RangeError, /got 9/],
      ['an unknown version', [2, ...good().slice(1)], RangeError, /state\[0\] is the format version and must be 1, got 2/],
      ['a string word', [1, '5', 6, 7, 8, 0, 0, 0], TypeError, /state\[1\] must be a number, got a string/],
      ['a fractional word', [1, 5.5, 6, 7, 8, 0, 0, 0], RangeError, /state\[1\] must be an integer in \[0, 2\^32\), got 5.5/],
      ['a negative word', [1, 5, -6, 7, 8, 0, 0, 0], RangeError, /state\[2\].*got -6/],
      ['a word of 2^32', [1, 5, 6, 2 ** 32, 8, 0, 0, 0], RangeError, /state\[3\].*got 4294967296/],
      ['a NaN word', [1, 5, 6, 7, NaN, 0, 0, 0], RangeError, /state\[4\].*got NaN/],
      ['an all-zero xoshiro state', [1, 0, 0, 0, 0, 0, 0, 0], RangeError, /all zero/],
      ['a spare flag of 2', [1, 5, 6, 7, 8, 2, 0, 0], RangeError, /state\[5\] \(hasSpare\) must be 0 or 1, got 2/],
      ['spare bits without the flag', [1, 5, 6, 7, 8, 0, 1, 0], RangeError, /state\[6\.\.7\] must be 0 when state\[5\]/],
      ['NaN spare bits', [1, 5, 6, 7, 8, 1, 0x7ff80000, 0], RangeError, /finite number, got NaN/],
      ['Infinity spare bits', [1, 5, 6, 7, 8, 1, 0x7ff00000, 0], RangeError, /finite number, got Infinity/],
    ];
    test.each(cases)('%s', (_name, state, type, message) => {
      const r = new Rng(42);
      r.normal();
      const before = r.getState();
      let caught: unknown;
      try {
        r.setState(state as number[]);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(type);
      expect((caught as Error).message).toMatch(message);
      expect(r.getState()).toEqual(before);
    });
  });
});
