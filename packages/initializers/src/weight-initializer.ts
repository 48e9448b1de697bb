import type { MLArray } from '@smolml/core';
import type { InitializerOptions } from './options';

/**
 * The base of every initializer. Subclasses provide a static `initialize` that makes a
 * new weight array, in either call form:
 *
 * ```ts
 * XavierUniform.initialize(784, 128);                    // separate dimensions
 * XavierUniform.initialize([784, 128], { rng, gain });   // one shape array and options
 * ```
 *
 * Weights are shaped (fanIn, fanOut) and used as `x.matmul(W)`, so fanIn = dims[0] and
 * fanOut = dims[dims.length - 1] (fanIn when the shape is 1-D).
 */
export abstract class WeightInitializer {
  /** Makes a new array of shape `dims`. The base class has no rule of its own and throws. */
  static initialize(...dims: number[]): MLArray;
  static initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
  static initialize(..._args: unknown[]): MLArray {
    throw new Error('WeightInitializer.initialize: WeightInitializer is the abstract base; call a subclass such as XavierUniform.initialize(784, 128)');
  }
}
