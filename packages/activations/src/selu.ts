import type { MLArray, Value } from '@smolml/core';
import { checkInput } from './internal/input';
import { scaledElu } from './internal/scaled-elu';

/** SELU's α (Klambauer et al., 2017), to float64 precision, as PyTorch and TensorFlow use. */
const SELU_ALPHA = 1.6732632423543772;
/** SELU's scale λ (Klambauer et al., 2017). */
const SELU_SCALE = 1.0507009873554805;

/**
 * Scaled ELU: `λ·x` for x > 0, `λ·α·(eˣ − 1)` otherwise, with the fixed constants
 * α ≈ 1.6733 and λ ≈ 1.0507. With LeCun-normal weights these constants keep each
 * layer's activations near zero mean and unit variance on their own
 * ("self-normalising" networks), without batch normalisation.
 *
 * @example
 * selu(new MLArray([-1, 1])).toList(); // [-1.1113307378125625, 1.0507009873554805]
 */
export function selu<T extends MLArray | Value>(x: T): T {
  checkInput('selu', x);
  return scaledElu('selu', x, SELU_ALPHA, SELU_SCALE);
}
