import type { MLArray } from '@smolml/core';
import { positive } from './check';
import { clampF32 } from './kernels/clip.f32';
import { clampF64 } from './kernels/clip.f64';
import { gradBuffers } from './parameters';

/**
 * Clamps every gradient element of `params` to [−clipValue, clipValue], in place.
 * Parameters without a gradient are skipped; NaN stays NaN (it is a fault to see, not
 * to clamp away). Unlike {@link clipGradNorm} this changes the gradient's direction.
 * For a float32 gradient, `clipValue` is rounded to float32 on store.
 *
 * @example
 * clipGradValue(params, 0.5);
 */
export function clipGradValue(params: Iterable<MLArray>, clipValue: number): void {
  positive('clipGradValue', 'clipValue', clipValue);
  for (const g of gradBuffers('clipGradValue', params)) {
    if (g instanceof Float32Array) clampF32(g, clipValue);
    else clampF64(g, clipValue);
  }
}
