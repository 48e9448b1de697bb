import type { MLArray, Value } from '@smolml/core';
import { checkInput, compose, view } from './internal/input';
import { softplus } from './softplus';

/**
 * Mish: `mish(x) = x·tanh(softplus(x))`. Smooth and non-monotonic like {@link silu},
 * with a slightly different shape below 0; introduced for YOLOv4-era vision models.
 * Composed from {@link softplus} (stable for any x) and tanh.
 *
 * @example
 * mish(new MLArray([-1, 1])).toList(); // [-0.30340146137410895, 0.8650983882673103]
 */
export function mish<T extends MLArray | Value>(x: T): T {
  checkInput('mish', x);
  const sp: MLArray | Value = softplus(x);
  return compose('mish', x, (v) => v.mul(view(sp).tanh()));
}
