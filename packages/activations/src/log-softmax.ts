import { type MLArray, customOp } from '@smolml/core';
import { planAxis } from './internal/axis';
import { checkArray } from './internal/input';

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
  const src = x.data, out = new Float64Array(src.length);
  const span = n * inner; // slices step by `inner`, as in softmax
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const start = o * span + k, stop = start + span;
      let m = -Infinity;
      for (let i = start; i < stop; i += inner) if (src[i] > m) m = src[i];
      let s = 0;
      for (let i = start; i < stop; i += inner) s += Math.exp(src[i] - m);
      const logS = Math.log(s);
      for (let i = start; i < stop; i += inner) out[i] = src[i] - m - logS;
    }
  }
  return customOp('logSoftmax', [x], out, x.shape, (g, [gx]) => {
    if (gx === null) return;
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const start = o * span + k, stop = start + span;
        let total = 0;
        for (let i = start; i < stop; i += inner) total += g[i];
        for (let i = start; i < stop; i += inner) gx[i] += g[i] - Math.exp(out[i]) * total;
      }
    }
  });
}
