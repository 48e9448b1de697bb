import { type MLArray, customOp, allocate } from '@smolml/core';
import { planAxis } from './internal/axis';
import { checkArray } from './internal/input';
import { logSoftmaxBackF64, logSoftmaxF64 } from './kernels/log-softmax.f64';
import { logSoftmaxBackF32, logSoftmaxF32 } from './kernels/log-softmax.f32';

/**
 * The logarithm of {@link softmax} along `axis`, computed directly:
 * `logSoftmax(x)ᵢ = (xᵢ − m) − log Σⱼ e^(xⱼ − m)`, m the largest entry along the axis.
 *
 * Use it instead of `softmax(x).log()` when you need log-probabilities (for a
 * negative log-likelihood): the composed form underflows to log(0) = −Infinity as soon
 * as one probability drops below 1e-308, while this stays finite and exact
 * (logSoftmax([1e4, 0]) is [0, −1e4]). Fused for that reason; backward:
 * `∂L/∂xᵢ = gᵢ − softmax(x)ᵢ·Σⱼ gⱼ`.
 *
 * @example
 * logSoftmax(new MLArray([1, 2, 3])).toList();
 * // [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804]
 */
export function logSoftmax(x: MLArray, axis = -1): MLArray {
  checkArray('logSoftmax', x);
  const { outer, n, inner } = planAxis('logSoftmax', x, axis);
  // Backward needs only the output, which the node holds anyway: nothing else is saved.
  if (x.dtype === 'float32') {
    const out = (allocate('float32', x.size) as Float32Array);
    logSoftmaxF32(x.data as Float32Array, out, outer, n, inner);
    return customOp('logSoftmax', [x], out, x.shape, (g, [gx]) => {
      if (gx !== null) logSoftmaxBackF32(out, g as Float32Array, gx as Float32Array, outer, n, inner);
    }, { saved: [] });
  }
  const out = (allocate('float64', x.size) as Float64Array);
  logSoftmaxF64(x.data as Float64Array, out, outer, n, inner);
  return customOp('logSoftmax', [x], out, x.shape, (g, [gx]) => {
    if (gx !== null) logSoftmaxBackF64(out, g as Float64Array, gx as Float64Array, outer, n, inner);
  }, { saved: [] });
}
