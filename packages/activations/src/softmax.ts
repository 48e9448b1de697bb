import { type MLArray, customOp, allocate } from '@smolml/core';
import { planAxis } from './internal/axis';
import { checkArray } from './internal/input';
import { softmaxBackF64, softmaxF64 } from './kernels/softmax.f64';
import { softmaxBackF32, softmaxF32 } from './kernels/softmax.f32';

/**
 * Softmax along `axis`: `softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m)`, with m the largest
 * entry along the axis. It turns a vector of scores (logits) into a probability
 * distribution (non-negative, summing to 1): the output layer of a multi-class
 * classifier. `axis` may be negative (−1, the default, is the last axis).
 *
 * Subtracting the max changes nothing mathematically but keeps every exponent ≤ 0, so
 * nothing overflows: softmax([1e4, 0]) is [1, 0]. Fused into one op (forward and
 * backward in two passes over each row) because it runs on every training step of
 * every classifier; composed from core ops it would take five passes and five
 * intermediate arrays. Backward: `∂L/∂xᵢ = yᵢ·(gᵢ − Σⱼ gⱼ·yⱼ)`.
 *
 * @example
 * softmax(new MLArray([1, 2, 3])).toList();
 * // [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
 * softmax(new MLArray([[1, 2], [3, 4]]), 0).toList(); // columns sum to 1
 */
export function softmax(x: MLArray, axis = -1): MLArray {
  checkArray('softmax', x);
  const { outer, n, inner } = planAxis('softmax', x, axis);
  // Backward needs only the output, which the node holds anyway: nothing else is saved.
  if (x.dtype === 'float32') {
    const out = (allocate('float32', x.size) as Float32Array);
    softmaxF32(x.data as Float32Array, out, outer, n, inner);
    return customOp('softmax', [x], out, x.shape, (g, [gx]) => {
      if (gx !== null) softmaxBackF32(out, g as Float32Array, gx as Float32Array, outer, n, inner);
    }, { saved: [] });
  }
  const out = (allocate('float64', x.size) as Float64Array);
  softmaxF64(x.data as Float64Array, out, outer, n, inner);
  return customOp('softmax', [x], out, x.shape, (g, [gx]) => {
    if (gx !== null) softmaxBackF64(out, g as Float64Array, gx as Float64Array, outer, n, inner);
  }, { saved: [] });
}
