import type { FloatArray, MLArray } from '@smolml/core';
import { positive } from './check';
import { maxAbsF32, scaleF32, sumSquaresF32 } from './kernels/clip.f32';
import { maxAbsF64, scaleF64, sumSquaresF64 } from './kernels/clip.f64';
import { gradBuffers } from './parameters';

/**
 * Rescales the gradients of `params` in place so that their total L2 norm (all
 * gradients taken as one vector) is at most `maxNorm`, and returns the norm they had
 * before. Gradients already within the limit are left alone. Parameters without a
 * gradient are skipped, and one listed twice counts once. As PyTorch, the scale is
 * maxNorm / (norm + 1e-6). The norm is summed in double for float32 gradients too.
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
  const grads = gradBuffers('clipGradNorm', params);
  const norm = totalNorm(grads);
  if (!Number.isFinite(norm)) {
    throw new RangeError(`clipGradNorm: the total gradient norm is ${norm}, so some gradient is NaN or infinite; gradients left unchanged (check the loss and the learning rate)`);
  }
  const scale = maxNorm / (norm + 1e-6);
  if (scale < 1) {
    for (const g of grads) {
      if (g instanceof Float32Array) scaleF32(g, scale);
      else scaleF64(g, scale);
    }
  }
  return norm;
}

// √(Σ g²) over all buffers. Squares of values beyond ~1e154 overflow and below ~1e-154
// underflow, so outside the safe range the sum is taken relative to the largest |g|.
function totalNorm(grads: readonly FloatArray[]): number {
  let max = 0;
  for (const g of grads) max = g instanceof Float32Array ? maxAbsF32(g, max) : maxAbsF64(g, max);
  if (!Number.isFinite(max)) return max;
  if (max === 0) return 0;
  const scale = max > 1e150 || max < 1e-150 ? max : 1;
  let sum = 0;
  for (const g of grads) sum = g instanceof Float32Array ? sumSquaresF32(g, scale, sum) : sumSquaresF64(g, scale, sum);
  return scale * Math.sqrt(sum);
}
