import type { MLArray } from '@smolml/core';
import { checkEps, checkLabelSmoothing, checkPair, checkRange, promotePair, readOptions, upperClip } from './internal/check';
import { type LossOptions, reduce } from './reduction';

/** Options for {@link binaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions extends LossOptions {
  /** yPred is clipped to [eps, 1 − eps] so log never sees 0. Default 1e-15; must be in (0, 0.5). */
  eps?: number;
  /** Pulls the labels toward ½: y ← y·(1 − s) + s/2. Default 0; must be in [0, 1]. */
  labelSmoothing?: number;
}

/** The default clipping: the original SmolML's value. */
const BCE_EPS = 1e-15;

/**
 * Binary cross-entropy between predicted probabilities ŷ and labels y in [0, 1]:
 * `L = −(1/N)·Σᵢ [yᵢ·log p̂ᵢ + (1 − yᵢ)·log(1 − p̂ᵢ)]`, with p̂ = ŷ clipped to
 * [eps, 1 − eps]. The loss of a binary classifier whose output went through a sigmoid:
 * it is the negative log-likelihood of the labels, and it punishes a confident wrong
 * answer without bound (up to −log eps ≈ 34.5).
 *
 * Peers bound the log differently: we clip at eps = 1e-15 (the original SmolML's
 * choice); PyTorch clamps each log at −100; Keras and TensorFlow.js clip at 1e-7. They
 * agree whenever ŷ stays inside [1e-7, 1 − 1e-7]. If you have raw scores (logits),
 * use {@link binaryCrossEntropyWithLogits}: it is exact where this one must clip.
 *
 * In float32, where 1 − eps rounds to 1 (eps below 3e-8, the default included), the
 * upper clip is the largest float32 below 1, so log(1 − p̂) stays finite (≥ −16.6).
 * The loss has the dtype of its arguments; float64 labels promote a float32 loss to
 * float64 (PyTorch's rule), so give float32 labels to a float32 model.
 *
 * Throws a RangeError for predictions or labels outside [0, 1] (or NaN).
 *
 * @example
 * binaryCrossEntropy(new MLArray([0.9, 0.2]), new MLArray([1, 0])).item();
 * // −(log 0.9 + log 0.8) / 2 = 0.164252033486018
 */
export function binaryCrossEntropy(yPred: MLArray, yTrue: MLArray, options: BinaryCrossEntropyOptions = {}): MLArray {
  const op = 'binaryCrossEntropy';
  checkPair(op, yPred, yTrue);
  // One dtype from here on, by PyTorch's result_type (float64 if either is), so nothing
  // is computed in float32 that the result reports in float64.
  [yPred, yTrue] = promotePair(yPred, yTrue);
  const reduction = readOptions(op, options, ['eps', 'labelSmoothing']);
  const eps = options.eps ?? BCE_EPS;
  const smoothing = options.labelSmoothing ?? 0;
  checkEps(op, eps);
  checkLabelSmoothing(op, smoothing);
  checkRange(op, 'yPred (probabilities)', yPred, 0, 1, '; for raw scores use binaryCrossEntropyWithLogits');
  checkRange(op, 'yTrue (labels)', yTrue, 0, 1);
  const y = smoothing === 0 ? yTrue : yTrue.mul(1 - smoothing).add(smoothing / 2);
  const p = yPred.clip(eps, upperClip(yPred.dtype, eps));
  const losses = y.mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log())).neg();
  return reduce(op, losses, reduction, 'elements');
}
