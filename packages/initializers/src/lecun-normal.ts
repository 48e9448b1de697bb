import type { MLArray } from '@smolml/core';
import { parseArgs, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { normalArray } from './sample';
import { WeightInitializer } from './weight-initializer';

const KEYS = randomKeys();

/**
 * LeCun normal: N(0, σ²) with σ = gain · sqrt(1 / fanIn), which keeps the variance of a
 * linear layer's output equal to its input's. The initializer SELU networks expect.
 *
 * @example
 * LeCunNormal.initialize(784, 128);        // σ = sqrt(1 / 784) ≈ 0.036
 */
export class LeCunNormal extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
  static override initialize(...args: InitializeArgs<InitializerOptions>): MLArray {
    const op = 'LeCunNormal.initialize';
    const { dims, options } = parseArgs<InitializerOptions>(op, args, KEYS);
    const { rng, gain, fanIn, requiresGrad, dtype } = resolve(op, dims, options);
    return normalArray(dims, gain * Math.sqrt(1 / fanIn), rng, requiresGrad, dtype);
  }
}
