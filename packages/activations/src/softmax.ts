import { type MLArray, customOp } from '@smolml/core';
import { planAxis } from './internal/axis';
import { checkArray } from './internal/input';

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
  const src = x.data, out = new Float64Array(src.length);
  const span = n * inner; // how far a slice reaches from its start
  // Each slice along the axis starts at o·n·inner + k and steps by `inner` (1 for the
  // last axis, the hot case, where this is a plain contiguous loop).
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const start = o * span + k, stop = start + span;
      let m = -Infinity;
      for (let i = start; i < stop; i += inner) if (src[i] > m) m = src[i];
      let s = 0;
      for (let i = start; i < stop; i += inner) {
        const e = Math.exp(src[i] - m);
        out[i] = e;
        s += e;
      }
      for (let i = start; i < stop; i += inner) out[i] /= s;
    }
  }
  return customOp('softmax', [x], out, x.shape, (g, [gx]) => {
    if (gx === null) return;
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const start = o * span + k, stop = start + span;
        let dot = 0;
        for (let i = start; i < stop; i += inner) dot += g[i] * out[i];
        for (let i = start; i < stop; i += inner) gx[i] += out[i] * (g[i] - dot);
      }
    }
  });
}
