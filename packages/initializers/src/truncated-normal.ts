import { type MLArray, zeros } from '@smolml/core';
import { parseArgs, positive, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { WeightInitializer } from './weight-initializer';

/** Options of {@link TruncatedNormal}. */
export interface TruncatedNormalOptions extends InitializerOptions {
  /** Centre of the distribution. Default 0. */
  mean?: number;
  /** Standard deviation of the normal before truncation. Default 0.05, as Keras. */
  std?: number;
}

const KEYS = randomKeys('mean', 'std');

/** Draws beyond this many standard deviations from the mean are redrawn. */
const BOUND = 2;

/**
 * A normal N(mean, (gain · std)²) with every draw beyond 2 standard deviations redrawn,
 * so no weight starts far out in a tail. Truncation narrows the spread: the actual
 * standard deviation is ≈ 0.8796 · gain · std.
 *
 * @example
 * TruncatedNormal.initialize(784, 128);                     // in [-0.1, 0.1]
 * TruncatedNormal.initialize([784, 128], { std: 0.02, rng });
 */
export class TruncatedNormal extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: TruncatedNormalOptions): MLArray;
  static override initialize(...args: InitializeArgs<TruncatedNormalOptions>): MLArray {
    const op = 'TruncatedNormal.initialize';
    const { dims, options } = parseArgs<TruncatedNormalOptions>(op, args, KEYS);
    const mean = options.mean ?? 0;
    if (typeof mean !== 'number' || !Number.isFinite(mean)) {
      throw new RangeError(`${op}: mean must be a finite number, got ${String(mean)}`);
    }
    const std = options.std === undefined ? 0.05 : positive(op, 'std', options.std);
    const { rng, gain, requiresGrad, dtype } = resolve(op, dims, options);
    const scale = gain * std;
    const out = zeros(dims, { requiresGrad, dtype });
    const d = out.data;
    for (let i = 0; i < d.length; i++) {
      // Rejection keeps the exact truncated shape; it accepts 95.4% of draws.
      let z = rng.normal();
      while (z < -BOUND || z > BOUND) z = rng.normal();
      d[i] = mean + scale * z;
    }
    return out;
  }
}
