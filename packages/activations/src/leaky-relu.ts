import { MLArray, Value, customOp } from '@smolml/core';
import { checkFinite } from './internal/check';
import { checkInput } from './internal/input';
import { scalarOp } from './internal/scalar-op';

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
    return scalarOp(x, v > 0 ? v : v * alpha, v > 0 ? 1 : alpha) as T;
  }
  const a = x as MLArray;
  const src = a.data, n = src.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = src[i];
    out[i] = v > 0 ? v : v * alpha;
  }
  return customOp('leakyRelu', [a], out, a.shape, (g, [ga]) => {
    if (ga === null) return;
    for (let i = 0; i < n; i++) ga[i] += src[i] > 0 ? g[i] : g[i] * alpha;
  }) as T;
}
