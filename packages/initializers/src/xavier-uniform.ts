import type { MLArray } from '@smolml/core';
import { parseArgs, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { uniformArray } from './sample';
import { WeightInitializer } from './weight-initializer';

const KEYS = randomKeys();

/**
 * Xavier (Glorot) uniform: U(-a, a) with a = gain · sqrt(6 / (fanIn + fanOut)), so the
 * variance 2 / (fanIn + fanOut) balances the forward and the backward signal. Suits
 * tanh, sigmoid and linear layers.
 *
 * @example
 * XavierUniform.initialize(784, 128);      // a = sqrt(6 / 912) ≈ 0.081
 * XavierUniform.initialize([784, 128], { rng: new Rng(0), gain: 5 / 3 });
 */
export class XavierUniform extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
  static override initialize(...args: InitializeArgs<InitializerOptions>): MLArray {
    const op = 'XavierUniform.initialize';
    const { dims, options } = parseArgs<InitializerOptions>(op, args, KEYS);
    const { rng, gain, fanIn, fanOut, requiresGrad, dtype } = resolve(op, dims, options);
    return uniformArray(dims, gain * Math.sqrt(6 / (fanIn + fanOut)), rng, requiresGrad, dtype);
  }
}
