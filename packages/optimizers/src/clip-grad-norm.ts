import { MLArray } from '@smolml/core';
import { positive } from './check';

/**
 * Rescales the gradients of `params` in place so that their total L2 norm (all
 * gradients taken as one vector) is at most `maxNorm`, and returns the norm they had
 * before. Gradients already within the limit are left alone. Parameters without a
 * gradient are skipped. As PyTorch, the scale is maxNorm / (norm + 1e-6).
 *
 * A NaN or infinite norm throws a RangeError and changes nothing: scaling cannot repair
 * it, and PyTorch's default (passing NaN on into the weights) hides the fault. The norm
 * is computed with rescaling, so gradients near 1e200 do not overflow it.
 *
 * @example
 * loss.backward();
 * const norm = clipGradNorm(params, 1.0);   // log it: spikes show instability
 * optimizer.step(params);
 */
export function clipGradNorm(params: Iterable<MLArray>, maxNorm: number): number {
  positive('clipGradNorm', 'maxNorm', maxNorm);
  const grads: Float64Array[] = [];
  for (const p of params) {
    if (!(p instanceof MLArray)) throw new TypeError(`clipGradNorm: expected MLArrays, got ${p === null ? 'null' : typeof p}`);
    const g = p.grad;
    if (g !== null) grads.push(g.data);
  }
  const norm = totalNorm(grads);
  if (!Number.isFinite(norm)) {
    throw new RangeError(`clipGradNorm: the total gradient norm is ${norm}, so some gradient is NaN or infinite; gradients left unchanged (check the loss and the learning rate)`);
  }
  const scale = maxNorm / (norm + 1e-6);
  if (scale < 1) {
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= scale;
  }
  return norm;
}

// √(Σ g²) over all buffers. Squares of values beyond ~1e154 overflow and below ~1e-154
// underflow, so outside the safe range the sum is taken relative to the largest |g|.
function totalNorm(grads: readonly Float64Array[]): number {
  let max = 0;
  for (const g of grads) {
    for (let i = 0; i < g.length; i++) {
      const a = Math.abs(g[i]);
      if (a > max || a !== a) max = a; // a !== a: NaN must win
    }
  }
  if (!Number.isFinite(max)) return max;
  if (max === 0) return 0;
  const scale = max > 1e150 || max < 1e-150 ? max : 1;
  let sum = 0;
  for (const g of grads) {
    for (let i = 0; i < g.length; i++) {
      const x = g[i] / scale;
      sum += x * x;
    }
  }
  return scale * Math.sqrt(sum);
}
