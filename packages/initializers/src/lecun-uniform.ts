import type { MLArray } from '@smolml/core';
import { parseArgs, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { uniformArray } from './sample';
import { WeightInitializer } from './weight-initializer';

const KEYS = randomKeys();

/**
 * LeCun uniform: U(-a, a) with a = gain · sqrt(3 / fanIn), the variance 1 / fanIn of
 * {@link LeCunNormal} from a uniform draw.
 *
 * @example
 * LeCunUniform.initialize(784, 128);       // a = sqrt(3 / 784) ≈ 0.062
 */
export class LeCunUniform extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
  static override initialize(...args: InitializeArgs<InitializerOptions>): MLArray {
    const op = 'LeCunUniform.initialize';
    const { dims, options } = parseArgs<InitializerOptions>(op, args, KEYS);
    const { rng, gain, fanIn, requiresGrad, dtype } = resolve(op, dims, options);
    return uniformArray(dims, gain * Math.sqrt(3 / fanIn), rng, requiresGrad, dtype);
  }
}
