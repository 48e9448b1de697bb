import { type MLArray, customOp } from '@smolml/core';
import { checkLabelSmoothing, checkPair, checkRange, readOptions } from './internal/check';
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
 * Fused because numerics demand it: composed from core ops, log(1 + e^(−|z|)) would
 * lose its small values (core has no log1p). Same as PyTorch's
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
  const keep = 1 - smoothing, shift = smoothing / 2;
  const z = logits.data, y = yTrue.data, n = z.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const zi = z[i], t = y[i] * keep + shift;
    out[i] = (zi > 0 ? zi : 0) - zi * t + Math.log1p(Math.exp(-Math.abs(zi)));
  }
  const losses = customOp(op, [logits, yTrue], out, logits.shape, (g, [gz, gy]) => {
    for (let i = 0; i < n; i++) {
      const zi = z[i];
      if (gz !== null) {
        const e = Math.exp(-Math.abs(zi)); // σ(z) = 1/(1 + e^-z) or e^z/(1 + e^z), whichever cannot overflow
        const sigma = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
        gz[i] += g[i] * (sigma - (y[i] * keep + shift));
      }
      if (gy !== null) gy[i] -= g[i] * keep * zi;
    }
  });
  return reduce(op, losses, reduction, 'elements');
}
