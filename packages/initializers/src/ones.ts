import { type MLArray, full } from '@smolml/core';
import { fillDType, parseArgs } from './args';
import type { FillOptions, InitializeArgs } from './options';
import { WeightInitializer } from './weight-initializer';

const KEYS = ['requiresGrad', 'rng', 'dtype'];

/**
 * All ones. The usual start for multiplicative scales, such as a normalisation
 * layer's gamma.
 *
 * @example
 * Ones.initialize(128);
 */
export class Ones extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: FillOptions): MLArray;
  static override initialize(...args: InitializeArgs<FillOptions>): MLArray {
    const { dims, options } = parseArgs<FillOptions>('Ones.initialize', args, KEYS);
    return full(dims, 1, { requiresGrad: options.requiresGrad ?? true, dtype: fillDType('Ones.initialize', options.dtype) });
  }
}
