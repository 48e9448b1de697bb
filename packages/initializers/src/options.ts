import type { DType, MLArray, Rng } from '@smolml/core';

/** Options every random initializer accepts. */
export interface InitializerOptions {
  /** The generator to draw from; the shared default (seeded by `setSeed`) when omitted. */
  rng?: Rng;
  /** Multiplies the spread (the uniform limit or the normal std). Default 1. See {@link calculateGain}. */
  gain?: number;
  /** Overrides the fan-in read from the shape (`dims[0]`), e.g. for convolution kernels. */
  fanIn?: number;
  /** Overrides the fan-out read from the shape (the last dimension). */
  fanOut?: number;
  /** Whether the new array records gradients. Default `true` (weights are trained). */
  requiresGrad?: boolean;
  /** The weights' dtype; core's default dtype when omitted. The same seed draws the same numbers in both dtypes (rounded once for float32). */
  dtype?: DType;
}

/**
 * Anything that makes weight arrays: every initializer class, and whatever
 * {@link getInitializer} returns. Both call forms are part of the contract:
 * `initialize(784, 128)` and `initialize([784, 128], { rng })`.
 */
export interface Initializer {
  initialize(...dims: number[]): MLArray;
  initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
}

/** The arguments of `initialize`: separate dimensions, or one shape array and options. */
export type InitializeArgs<O> = number[] | [dims: readonly number[], options?: O];

/** Options of the deterministic initializers ({@link Zeros}, {@link Ones}). */
export interface FillOptions {
  /** Whether the new array records gradients. Default `true`. */
  requiresGrad?: boolean;
  /** The array's dtype; core's default dtype when omitted. */
  dtype?: DType;
  /** Accepted so that every initializer can be called alike (a layer passes its `rng` to whichever it was given); a fill draws nothing. */
  rng?: Rng;
}
