/**
 * A small, fast, seedable pseudo-random generator (xoshiro128**, seeded through
 * splitmix32). Every function in SmolML that draws numbers takes an `rng` option;
 * without one it uses {@link defaultRng}. The same seed gives the same numbers on
 * every platform, because all arithmetic is 32-bit integer math.
 *
 * @example
 * const rng = new Rng(42);
 * rng.uniform();        // in [0, 1)
 * rng.normal(0, 2);     // N(0, 2²)
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  // Box–Muller makes normals in pairs; the second one waits here.
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** Resets the generator to the start of the stream for `seed` (any finite number). */
  seed(seed: number): void {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng: seed must be a finite number, got ${seed}`);
    // Fold the (possibly fractional or > 2^32) seed into 32 bits, then spread it with splitmix32.
    let x = (Math.trunc(seed) ^ Math.trunc(seed / 4294967296)) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.hasSpare = false;
  }

  /** The next raw 32-bit unsigned integer. */
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

  /** A float in [0, 1) with all 53 bits of mantissa random. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform on [lo, hi). `uniform()` is U(0, 1). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** Normal N(mean, std²), by the Box–Muller transform; `std` must be >= 0. */
  normal(mean = 0, std = 1): number {
    if (!(std >= 0)) throw new RangeError(`Rng.normal: std must be a number >= 0, got ${std}`);
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + std * this.spare;
    }
    // 1 - next() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return mean + std * r * Math.cos(theta);
  }

  /** A uniform integer in [lo, hi) (unbiased, by rejection). */
  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi <= lo || hi - lo > 4294967296) {
      throw new RangeError(`Rng.int: expected integers lo < hi with hi - lo <= 2^32, got [${lo}, ${hi})`);
    }
    const n = hi - lo;
    const limit = 4294967296 - (4294967296 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return lo + (x % n);
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// The default generator lives on globalThis so that two loaded copies of this package
// (CommonJS and ESM) share it and `setSeed` reaches both.
const DEFAULT_KEY = Symbol.for('smolml.defaultRng');
type Holder = { [DEFAULT_KEY]?: Rng };

/** The shared default generator used when no `rng` option is given. */
export function defaultRng(): Rng {
  const g = globalThis as Holder;
  let rng = g[DEFAULT_KEY];
  if (rng === undefined) {
    rng = new Rng(Date.now() ^ Math.floor(Math.random() * 4294967296));
    g[DEFAULT_KEY] = rng;
  }
  return rng;
}

/**
 * Seeds the default generator, making every later draw that uses it reproducible.
 * @example setSeed(0); const a = randn(3); setSeed(0); randn(3).toList(); // same as a
 */
export function setSeed(seed: number): void {
  defaultRng().seed(seed);
}
