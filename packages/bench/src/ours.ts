// SmolML in either dtype. core's float32 lands in parallel with this bench: until
// `zeros([1], { dtype: 'float32' })` returns an array with a `dtype`, the float32
// rows are skipped with a notice and float32 peers are compared with our float64.
import { MLArray, zeros, type ArrayOptions } from '@smolml/core';
import type { Precision } from './harness';

/** Whether this build of @smolml/core has float32 arrays. */
export function hasFloat32(): boolean {
  try {
    const z = zeros([1], { dtype: 'float32' } as ArrayOptions) as unknown as { dtype?: unknown };
    return typeof z.dtype === 'string' && z.dtype === 'float32';
  } catch {
    return false;
  }
}

/**
 * Our array of `data` (a fresh copy, so an in-place update never reaches the shared
 * inputs) in `dtype`. The inputs are float32-rounded already, so both dtypes start
 * from the same numbers.
 */
export function ours(data: Float64Array, shape: readonly number[], dtype: Precision, requiresGrad = true): MLArray {
  const copy = dtype === 'float32' ? Float32Array.from(data) : Float64Array.from(data);
  return MLArray.from(copy, shape, { dtype, requiresGrad } as ArrayOptions);
}
