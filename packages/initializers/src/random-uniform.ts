import type { MLArray } from '@smolml/core';
import { parseArgs, positive, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { uniformArray } from './sample';
import { WeightInitializer } from './weight-initializer';

/** Options of {@link RandomUniform}. */
export interface RandomUniformOptions extends InitializerOptions {
  /** Half-width of the interval. Default 1. */
  limit?: number;
}

const KEYS = randomKeys('limit');

/**
 * Uniform weights on (-limit, limit), limit = 1 by default (times `gain`). Ignores the
 * layer's size, so deep or wide layers drift; prefer a fan-scaled initializer.
 *
 * @example
 * RandomUniform.initialize(3, 4);                         // values in (-1, 1)
 * RandomUniform.initialize([3, 4], { limit: 0.5, rng });  // values in (-0.5, 0.5)
 */
export class RandomUniform extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: RandomUniformOptions): MLArray;
  static override initialize(...args: InitializeArgs<RandomUniformOptions>): MLArray {
    const op = 'RandomUniform.initialize';
    const { dims, options } = parseArgs<RandomUniformOptions>(op, args, KEYS);
    const limit = options.limit === undefined ? 1 : positive(op, 'limit', options.limit);
    const { rng, gain, requiresGrad, dtype } = resolve(op, dims, options);
    return uniformArray(dims, gain * limit, rng, requiresGrad, dtype);
  }
}
