import { type MLArray, Value } from '@smolml/core';
import { checkFinite } from './internal/check';
import { fusedElementwise, inDType } from './internal/fused';
import { checkInput } from './internal/input';
import { leakyReluBackF64, leakyReluF64 } from './kernels/leaky-relu.f64';
import { leakyReluBackF32, leakyReluF32 } from './kernels/leaky-relu.f32';

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
  checkInput('leakyRelu', x);
  // Fused so the gradient at exactly 0 is alpha, as in PyTorch (x > 0 ? 1 : alpha); a
  // composition of relu's would give 0 there.
  if (x instanceof Value) {
    const v = x.data;
    return Value.custom(v > 0 ? v : v * alpha, [x], [v > 0 ? 1 : alpha]) as T;
  }
  const a = x as MLArray, k = inDType(a, alpha);
  return fusedElementwise('leakyRelu', a,
    { forward: (src, out) => leakyReluF64(src, k, out), backward: (src, g, gx) => leakyReluBackF64(src, k, g, gx) },
    { forward: (src, out) => leakyReluF32(src, k, out), backward: (src, g, gx) => leakyReluBackF32(src, k, g, gx) }) as T;
}
