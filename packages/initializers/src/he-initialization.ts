import type { MLArray } from '@smolml/core';
import { parseArgs, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { normalArray } from './sample';
import { WeightInitializer } from './weight-initializer';

const KEYS = randomKeys();

/**
 * He (Kaiming) normal: N(0, σ²) with σ = gain · sqrt(2 / fanIn). ReLU zeroes about half
 * of its inputs, halving the signal's second moment; doubling the weight variance
 * makes up for it, so activations keep their scale through deep ReLU stacks.
 *
 * @example
 * HeInitialization.initialize(784, 128);   // σ = sqrt(2 / 784) ≈ 0.051
 */
export class HeInitialization extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
  static override initialize(...args: InitializeArgs<InitializerOptions>): MLArray {
    const op = 'HeInitialization.initialize';
    const { dims, options } = parseArgs<InitializerOptions>(op, args, KEYS);
    const { rng, gain, fanIn, requiresGrad, dtype } = resolve(op, dims, options);
    return normalArray(dims, gain * Math.sqrt(2 / fanIn), rng, requiresGrad, dtype);
  }
}
