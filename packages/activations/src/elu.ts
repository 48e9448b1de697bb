import type { MLArray, Value } from '@smolml/core';
import { checkFinite } from './internal/check';
import { checkInput } from './internal/input';
import { scaledElu } from './internal/scaled-elu';

/**
 * Exponential linear unit: `x` for x > 0, `alpha·(eˣ − 1)` otherwise. Smooth at 0 for
 * alpha = 1, and its negative outputs saturate at −alpha, pulling mean activations
 * toward 0, which can speed up learning. Computed with `expm1`, so it stays exact for
 * tiny negative x.
 *
 * @example
 * elu(new MLArray([-1, 2])).toList(); // [-0.6321205588285577, 2]
 * elu(new Value(-1), 0.5).data;       // -0.31606027941427883
 */
export function elu<T extends MLArray | Value>(x: T, alpha = 1): T {
  checkFinite('elu', 'alpha', alpha);
  checkInput('elu', x);
  return scaledElu('elu', x, alpha, 1);
}
