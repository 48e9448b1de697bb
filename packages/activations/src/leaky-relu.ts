import type { MLArray, Value } from '@smolml/core';
import { checkFinite } from './internal/check';
import { compose } from './internal/input';

/**
 * Leaky ReLU: `x` for x > 0, `alpha·x` otherwise. The small slope keeps a gradient
 * flowing for negative inputs, so a unit cannot get stuck at 0 ("die") the way a ReLU
 * unit can.
 *
 * The default slope is 0.01, as in the original SmolML and PyTorch
 * (`negative_slope=0.01`); TensorFlow.js (`tf.leakyRelu`) and Keras default to 0.2.
 * At exactly x = 0 the gradient is 0 (PyTorch uses alpha there).
 *
 * @example
 * leakyRelu(new MLArray([-2, 3])).toList();      // [-0.02, 3]
 * leakyRelu(new MLArray([-2, 3]), 0.2).toList(); // [-0.4, 3]
 */
export function leakyRelu<T extends MLArray | Value>(x: T, alpha = 0.01): T {
  checkFinite('leakyRelu', 'alpha', alpha);
  // relu(x) − α·relu(−x): each branch is exact (x itself, or α times −(−x)), for any α.
  return compose('leakyRelu', x, (v) => v.relu().sub(v.neg().relu().mul(alpha)));
}
