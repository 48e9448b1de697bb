import { type MLArray, full } from '@smolml/core';
import { fillDType, parseArgs } from './args';
import type { FillOptions, InitializeArgs } from './options';
import { WeightInitializer } from './weight-initializer';

const KEYS = ['requiresGrad', 'rng', 'dtype'];

/**
 * All zeros. The usual start for biases; never for weights, where every unit of a
 * layer would compute the same thing and receive the same gradient forever.
 *
 * @example
 * Zeros.initialize(128);                 // biases of a 128-unit layer
 */
export class Zeros extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: FillOptions): MLArray;
  static override initialize(...args: InitializeArgs<FillOptions>): MLArray {
    const { dims, options } = parseArgs<FillOptions>('Zeros.initialize', args, KEYS);
    return full(dims, 0, { requiresGrad: options.requiresGrad ?? true, dtype: fillDType('Zeros.initialize', options.dtype) });
  }
}
