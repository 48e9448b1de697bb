import type { MLArray } from '@smolml/core';
import { parseArgs, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { uniformArray } from './sample';
import { WeightInitializer } from './weight-initializer';

const KEYS = randomKeys();

/**
 * He (Kaiming) uniform: U(-a, a) with a = gain · sqrt(6 / fanIn), the variance 2 / fanIn
 * of {@link HeInitialization} from a uniform draw. For ReLU layers.
 *
 * @example
 * HeUniform.initialize(784, 128);          // a = sqrt(6 / 784) ≈ 0.087
 */
export class HeUniform extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
  static override initialize(...args: InitializeArgs<InitializerOptions>): MLArray {
    const op = 'HeUniform.initialize';
    const { dims, options } = parseArgs<InitializerOptions>(op, args, KEYS);
    const { rng, gain, fanIn, requiresGrad, dtype } = resolve(op, dims, options);
    return uniformArray(dims, gain * Math.sqrt(6 / fanIn), rng, requiresGrad, dtype);
  }
}
