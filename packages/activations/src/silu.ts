import type { MLArray, Value } from '@smolml/core';
import { compose } from './internal/input';

/**
 * Sigmoid-weighted linear unit: `silu(x) = x·σ(x)`. Smooth, slightly non-monotonic
 * below 0, and often a drop-in improvement over ReLU in deep networks (EfficientNet,
 * many vision models). Known as swish in TensorFlow; see {@link swish}.
 *
 * @example
 * silu(new MLArray([-1, 1])).toList(); // [-0.2689414213699951, 0.7310585786300049]
 */
export function silu<T extends MLArray | Value>(x: T): T {
  return compose('silu', x, (v) => v.mul(v.sigmoid()));
}

/**
 * Swish, `x·σ(x)`: the same function as {@link silu}, under the name TensorFlow and
 * Keras use (Ramachandran et al., 2017, with β = 1).
 *
 * @example
 * swish(new MLArray([2])).toList(); // [1.7615941559557646]
 */
export function swish<T extends MLArray | Value>(x: T): T {
  return compose('swish', x, (v) => v.mul(v.sigmoid()));
}
