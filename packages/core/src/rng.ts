import { describeArg } from './errors';

const TWO32 = 4294967296;

/** The first word of {@link Rng.getState}'s array; bumped whenever the layout changes. */
export const RNG_STATE_VERSION = 1;

/** Length of {@link Rng.getState}'s array: version, four xoshiro words, spare flag, two spare words. */
const STATE_LENGTH = 8;

// Brands survive the dual package hazard (see brand.ts): an Rng made by the CommonJS copy
// of core is still recognised by the ESM copy.
const RNG_BRAND: unique symbol = Symbol.for('smolml.Rng') as never;

// One scratch view to move the spare normal's IEEE-754 bits in and out of the state array.
const BITS = new DataView(new ArrayBuffer(8));

/**
 * A small, fast, seedable pseudo-random generator (xoshiro128**, seeded through
 * splitmix32). Every function in SmolML that draws numbers takes an `rng` option;
 * without one it uses {@link defaultRng}. The same seed gives the same numbers on
 * every platform, because all arithmetic is 32-bit integer math.
 *
 * The whole generator state (including the spare normal that Box–Muller keeps between
 * two `normal()` calls) can be saved with {@link Rng.getState} and restored with
 * {@link Rng.setState}, so a restarted job continues the exact same stream.
 *
 * @example
 * const rng = new Rng(42);
 * rng.uniform();        // in [0, 1)
 * rng.normal(0, 2);     // N(0, 2²)
 */
export class Rng {
  /** Marks real generators across package copies; see {@link isRng}. */
  readonly [RNG_BRAND] = true;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  // Box–Muller makes normals in pairs; the second one waits here.
  private spare = 0;
  private hasSpare = false;

  /**
   * A generator at the start of the stream for `seed`, a safe integer (negative allowed:
   * like `torch.manual_seed`, a negative seed means its 64-bit two's complement).
   * Anything else is an error: a fraction would otherwise silently share a stream with
   * its integer part. @example new Rng(-7).uniform();
   */
  constructor(seed: number) {
    this.seed(seed);
  }

  /**
   * Resets the generator to the start of the stream for `seed` (a safe integer,
   * negative allowed). A non-number is a TypeError; NaN, ±Infinity, a fraction or an
   * integer beyond ±(2^53 - 1) is a RangeError.
   *
   * Seeds in [0, 2^32) give the streams they always gave; the high word of a larger or
   * negative seed is mixed into all four state words, so distinct safe integers give
   * distinct streams (`new Rng(2 ** 32)` is not `new Rng(0)`, `new Rng(-1)` is not
   * `new Rng(2 ** 32 - 1)`).
   *
   * @example const r = new Rng(1); r.next(); r.seed(1); // back at the start
   */
  seed(seed: number): void {
    checkSeed('Rng.seed', seed);
    const [lo, hi] = seedWords(seed);
    let x = lo;
    // splitmix32: a counter spread by a bijective finaliser, one word per call.
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    let s0 = next(), s1 = next(), s2 = next(), s3 = next();
    if (hi !== 0) {
      // A second splitmix32 stream from the high word (offset by a constant so that it is
      // not the low word's stream) perturbs every word.
      x = (hi ^ 0x6a09e667) >>> 0;
      s0 = (s0 ^ next()) >>> 0;
      s1 = (s1 ^ next()) >>> 0;
      s2 = (s2 ^ next()) >>> 0;
      s3 = (s3 ^ next()) >>> 0;
    }
    // xoshiro's one forbidden state is all zeros (it would stay zero forever).
    if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    this.spare = 0;
    this.hasSpare = false;
  }

  /**
   * The complete generator state as eight JSON-safe unsigned 32-bit integers:
   * `[version, s0, s1, s2, s3, hasSpare, spareHi, spareLo]`, where `version` is
   * {@link RNG_STATE_VERSION}, `s0..s3` are the xoshiro128** words, `hasSpare` is 1 when
   * a Box–Muller normal is cached for the next `normal()` call, and `spareHi`/`spareLo`
   * are that cached double's IEEE-754 bits (0 and 0 when none is cached). Bits, not the
   * number itself, so even a cached -0 resumes exactly. A fresh array each call.
   *
   * @example
   * const r = new Rng(3); r.normal();
   * const saved = JSON.stringify(r.getState());
   * const a = r.normal();
   * r.setState(JSON.parse(saved));
   * r.normal() === a; // true
   */
  getState(): number[] {
    let hiBits = 0, loBits = 0;
    if (this.hasSpare) {
      BITS.setFloat64(0, this.spare);
      hiBits = BITS.getUint32(0);
      loBits = BITS.getUint32(4);
    }
    return [RNG_STATE_VERSION, this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0, this.hasSpare ? 1 : 0, hiBits, loBits];
  }

  /**
   * Restores a state from {@link Rng.getState} (of this or any other Rng): every later
   * draw (`nextUint32`, `next`, `uniform`, `normal` including its cached spare, `int`,
   * `shuffle`) then equals what the saved generator would have drawn. Validated in full
   * before anything changes: not an array, or a word that is not a number, is a
   * TypeError; a wrong length, an unknown version, a word that is not an integer in
   * [0, 2^32), an all-zero xoshiro state (the generator would emit only zeros), a spare
   * flag other than 0/1, spare bits without the flag, or spare bits that are not a
   * finite double is a RangeError naming the position.
   *
   * @example const s = rng.getState(); rng.uniform(); rng.setState(s);
   */
  setState(state: readonly number[]): void {
    const op = 'Rng.setState';
    if (!Array.isArray(state)) throw new TypeError(`${op}: expected an array of ${STATE_LENGTH} integers from Rng.getState(), got ${describeArg(state)}`);
    if (state.length !== STATE_LENGTH) {
      throw new RangeError(`${op}: expected ${STATE_LENGTH} integers [version, s0, s1, s2, s3, hasSpare, spareHi, spareLo], got ${state.length}`);
    }
    for (let i = 0; i < STATE_LENGTH; i++) {
      const w: unknown = state[i];
      if (typeof w !== 'number') throw new TypeError(`${op}: state[${i}] must be a number, got ${describeArg(w)}`);
      if (!Number.isInteger(w) || w < 0 || w >= TWO32) throw new RangeError(`${op}: state[${i}] must be an integer in [0, 2^32), got ${w}`);
    }
    if (state[0] !== RNG_STATE_VERSION) {
      throw new RangeError(`${op}: state[0] is the format version and must be ${RNG_STATE_VERSION}, got ${state[0]}`);
    }
    if ((state[1] | state[2] | state[3] | state[4]) === 0) {
      throw new RangeError(`${op}: state[1..4] are all zero, which xoshiro128** can never leave (it would emit only zeros)`);
    }
    const flag = state[5];
    if (flag !== 0 && flag !== 1) throw new RangeError(`${op}: state[5] (hasSpare) must be 0 or 1, got ${flag}`);
    let spare = 0;
    if (flag === 1) {
      BITS.setUint32(0, state[6]);
      BITS.setUint32(4, state[7]);
      spare = BITS.getFloat64(0);
      if (!Number.isFinite(spare)) throw new RangeError(`${op}: state[6..7] (the cached normal) must be the bits of a finite number, got ${spare}`);
    } else if (state[6] !== 0 || state[7] !== 0) {
      throw new RangeError(`${op}: state[6..7] must be 0 when state[5] (hasSpare) is 0, got ${state[6]}, ${state[7]}`);
    }
    this.s0 = state[1];
    this.s1 = state[2];
    this.s2 = state[3];
    this.s3 = state[4];
    this.hasSpare = flag === 1;
    this.spare = spare;
  }

  /** The next raw 32-bit unsigned integer. @example new Rng(0).nextUint32(); // in [0, 2^32) */
  nextUint32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 = s2 ^ s0;
    this.s3 = s3 ^ s1;
    this.s1 = s1 ^ this.s2;
    this.s0 = s0 ^ this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * A float in [0, 1) with all 53 bits of mantissa random: (a·2^26 + b) / 2^53 from a
   * 27-bit and a 26-bit draw. @example new Rng(0).next(); // e.g. 0.54…
   */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * Uniform on [lo, hi): `lo + (hi - lo) · next()`; `uniform()` is U(0, 1). As in
   * `torch.Tensor.uniform_` and numpy's `uniform`, `lo` and `hi` must be finite with
   * `lo <= hi` and a finite `hi - lo` (RangeError otherwise; `lo === hi` returns `lo`);
   * a non-number is a TypeError. As in both, the rounding of the last step can in rare
   * cases give `hi` itself.
   *
   * @example new Rng(0).uniform(-1, 1); // in [-1, 1)
   */
  uniform(lo = 0, hi = 1): number {
    if (typeof lo !== 'number') throw new TypeError(`Rng.uniform: lo must be a number, got ${describeArg(lo)}`);
    if (typeof hi !== 'number') throw new TypeError(`Rng.uniform: hi must be a number, got ${describeArg(hi)}`);
    const range = hi - lo;
    if (!(range >= 0) || range === Infinity) {
      // NaN or infinite bounds land here too (their range is NaN or infinite).
      throw new RangeError(`Rng.uniform: expected finite lo <= hi with a finite hi - lo, got [${lo}, ${hi})`);
    }
    return lo + range * this.next();
  }

  /**
   * Normal N(mean, std²) by the Box–Muller transform: from u1, u2 ~ U(0, 1),
   * r = sqrt(-2 ln(1 - u1)), θ = 2π u2, the pair (r cos θ, r sin θ) is two standard
   * normals; the second is cached for the next call (and is part of {@link Rng.getState}).
   * `std` must be >= 0 (NaN included: RangeError, as `torch.normal`); `mean` may be any
   * number (NaN or ±Infinity flow into the result, as in numpy and PyTorch); a non-number
   * is a TypeError.
   *
   * @example new Rng(0).normal(10, 2); // around 10
   */
  normal(mean = 0, std = 1): number {
    if (typeof mean !== 'number') throw new TypeError(`Rng.normal: mean must be a number, got ${describeArg(mean)}`);
    if (typeof std !== 'number') throw new TypeError(`Rng.normal: std must be a number, got ${describeArg(std)}`);
    if (!(std >= 0)) throw new RangeError(`Rng.normal: std must be a number >= 0, got ${std}`);
    if (this.hasSpare) {
      this.hasSpare = false;
      const z = this.spare;
      this.spare = 0;
      return mean + std * z;
    }
    // 1 - next() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return mean + std * r * Math.cos(theta);
  }

  /**
   * A uniform integer in [lo, hi), unbiased (rejection sampling over 32-bit draws).
   * `lo` and `hi` must be safe integers with `lo < hi` (as `torch.randint`) and
   * `hi - lo <= 2^32`; a non-number is a TypeError, anything else out of line a RangeError.
   *
   * @example new Rng(0).int(0, 6); // a die roll minus one
   */
  int(lo: number, hi: number): number {
    if (typeof lo !== 'number') throw new TypeError(`Rng.int: lo must be a number, got ${describeArg(lo)}`);
    if (typeof hi !== 'number') throw new TypeError(`Rng.int: hi must be a number, got ${describeArg(hi)}`);
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || hi <= lo || hi - lo > TWO32) {
      throw new RangeError(`Rng.int: expected safe integers lo < hi with hi - lo <= 2^32, got [${lo}, ${hi})`);
    }
    const n = hi - lo;
    const limit = TWO32 - (TWO32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return lo + (x % n);
  }

  /**
   * Shuffles `items` in place (Fisher–Yates: for i from n-1 down to 1, swap i with a
   * uniform j in [0, i]) and returns it. `items` must be a mutable array-like object (an
   * array or a typed array); anything else is a TypeError.
   *
   * @example new Rng(0).shuffle([1, 2, 3]); // a permutation of [1, 2, 3]
   */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    if (typeof items !== 'object' || items === null) {
      throw new TypeError(`Rng.shuffle: expected an array or typed array, got ${describeArg(items)}`);
    }
    const n: unknown = items.length;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      throw new TypeError(`Rng.shuffle: expected an array-like object with a non-negative integer length, got length ${typeof n === 'number' ? n : describeArg(n)}`);
    }
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}

/**
 * Whether `x` is an {@link Rng}, also one made by another loaded copy of core
 * (CommonJS beside ESM), where `instanceof` would say no.
 *
 * @example isRng(new Rng(0)); // true
 */
export function isRng(x: unknown): x is Rng {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[RNG_BRAND] === true;
}

function checkSeed(op: string, seed: unknown): asserts seed is number {
  if (typeof seed !== 'number') throw new TypeError(`${op}: seed must be a number, got ${describeArg(seed)}`);
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`${op}: seed must be a safe integer (negative allowed), got ${seed}`);
  }
}

// The seed's 64-bit two's complement as [low word, high word], both unsigned.
function seedWords(seed: number): [number, number] {
  if (seed >= 0) return [seed % TWO32 >>> 0, Math.floor(seed / TWO32) >>> 0];
  const m = -seed;
  const mlo = m % TWO32, mhi = Math.floor(m / TWO32);
  // -m = ~m + 1: the +1 carries into the high word only when the low word is zero.
  return [(TWO32 - mlo) % TWO32 >>> 0, (~mhi + (mlo === 0 ? 1 : 0)) >>> 0];
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// The default generator lives on globalThis so that two loaded copies of this package
// (CommonJS and ESM) share it and `setSeed` reaches both.
const DEFAULT_KEY = Symbol.for('smolml.defaultRng');
type Holder = { [DEFAULT_KEY]?: Rng };

/** The shared default generator used when no `rng` option is given. @example defaultRng().uniform(); */
export function defaultRng(): Rng {
  const g = globalThis as Holder;
  let rng = g[DEFAULT_KEY];
  if (rng === undefined) {
    // Date.now() ^ ... is an int32, so a safe integer.
    rng = new Rng(Date.now() ^ Math.floor(Math.random() * TWO32));
    g[DEFAULT_KEY] = rng;
  }
  return rng;
}

/**
 * Seeds the default generator (a safe integer, negative allowed, as `new Rng(seed)`),
 * making every later draw that uses it reproducible.
 * @example setSeed(0); const a = randn(3); setSeed(0); randn(3).toList(); // same as a
 */
export function setSeed(seed: number): void {
  checkSeed('setSeed', seed);
  defaultRng().seed(seed);
}
