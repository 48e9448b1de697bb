import type { MLArray } from '@smolml/core';
import { parseArgs, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { normalArray } from './sample';
import { WeightInitializer } from './weight-initializer';

const KEYS = randomKeys();

/**
 * Xavier (Glorot) normal: N(0, σ²) with σ = gain · sqrt(2 / (fanIn + fanOut)). The same
 * variance as {@link XavierUniform}, drawn from a bell curve. Suits tanh, sigmoid and
 * linear layers.
 *
 * @example
 * XavierNormal.initialize(784, 128);       // σ = sqrt(2 / 912) ≈ 0.047
 */
export class XavierNormal extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
  static override initialize(...args: InitializeArgs<InitializerOptions>): MLArray {
    const op = 'XavierNormal.initialize';
    const { dims, options } = parseArgs<InitializerOptions>(op, args, KEYS);
    const { rng, gain, fanIn, fanOut, requiresGrad, dtype } = resolve(op, dims, options);
    return normalArray(dims, gain * Math.sqrt(2 / (fanIn + fanOut)), rng, requiresGrad, dtype);
  }
}
