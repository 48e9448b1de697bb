import { type MLArray, customOp, allocate } from '@smolml/core';
import { checkLabelSmoothing, checkPair, checkRange, inDType, promotePair, readOptions } from './internal/check';
import { bceLogitsBackLogitsF64, bceLogitsBackTargetsF64, bceLogitsF64 } from './kernels/bce-logits.f64';
import { bceLogitsBackLogitsF32, bceLogitsBackTargetsF32, bceLogitsF32 } from './kernels/bce-logits.f32';
import { type LossOptions, reduce } from './reduction';

/** Options for {@link binaryCrossEntropyWithLogits}. */
export interface BinaryCrossEntropyWithLogitsOptions extends LossOptions {
  /** Pulls the labels toward ½: y ← y·(1 − s) + s/2. Default 0; must be in [0, 1]. */
  labelSmoothing?: number;
}

/**
 * Sigmoid and binary cross-entropy in one step, from raw scores (logits) z:
 * `L = (1/N)·Σᵢ [max(zᵢ, 0) − zᵢ·yᵢ + log(1 + e^(−|zᵢ|))]`, which equals
 * `binaryCrossEntropy(sigmoid(z), y)` without ever forming the probability: exact for
 * any z (z = ±1e4 gives finite losses and gradients) and no clipping needed. The
 * gradient is `σ(z) − y`.
 *
 * Fused: one pass forward and one backward, where the composition from core's relu,
 * abs, exp and log1p would take seven nodes (log(1 + e^(−|z|)) is log1p, so small
 * values survive either way). Same as PyTorch's
 * `binary_cross_entropy_with_logits` and Keras's `BinaryCrossentropy(from_logits=True)`.
 * Labels must lie in [0, 1]. With `reduction: 'none'` it returns every element's loss.
 *
 * @example
 * binaryCrossEntropyWithLogits(new MLArray([3, -1]), new MLArray([1, 0])).item(); // 0.18092451954598246
 */
export function binaryCrossEntropyWithLogits(logits: MLArray, yTrue: MLArray, options: BinaryCrossEntropyWithLogitsOptions = {}): MLArray {
  const op = 'binaryCrossEntropyWithLogits';
  checkPair(op, logits, yTrue);
  const reduction = readOptions(op, options, ['labelSmoothing']);
  const smoothing = options.labelSmoothing ?? 0;
  checkLabelSmoothing(op, smoothing);
  checkRange(op, 'yTrue (labels)', yTrue, 0, 1);
  const [z, y] = promotePair(logits, yTrue);
  const keep = inDType(z.dtype, 1 - smoothing), shift = inDType(z.dtype, smoothing / 2);
  // Backward reads only the two inputs: nothing more is saved.
  let losses: MLArray;
  if (z.dtype === 'float32') {
    const zd = z.data as Float32Array, yd = y.data as Float32Array, out = (allocate('float32', zd.length) as Float32Array);
    bceLogitsF32(zd, yd, keep, shift, out);
    losses = customOp(op, [z, y], out, z.shape, (g, [gz, gy]) => {
      if (gz !== null) bceLogitsBackLogitsF32(zd, yd, keep, shift, g as Float32Array, gz as Float32Array);
      if (gy !== null) bceLogitsBackTargetsF32(zd, keep, g as Float32Array, gy as Float32Array);
    }, { saved: [] });
  } else {
    const zd = z.data as Float64Array, yd = y.data as Float64Array, out = (allocate('float64', zd.length) as Float64Array);
    bceLogitsF64(zd, yd, keep, shift, out);
    losses = customOp(op, [z, y], out, z.shape, (g, [gz, gy]) => {
      if (gz !== null) bceLogitsBackLogitsF64(zd, yd, keep, shift, g as Float64Array, gz as Float64Array);
      if (gy !== null) bceLogitsBackTargetsF64(zd, keep, g as Float64Array, gy as Float64Array);
    }, { saved: [] });
  }
  return reduce(op, losses, reduction, 'elements');
}
