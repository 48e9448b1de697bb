import type { MLArray } from '@smolml/core';
import { checkEps, checkHasClassAxis, checkLabelSmoothing, checkPair, checkRange, promotePair, readOptions, upperClip } from './internal/check';
import { type LossOptions, reduce } from './reduction';

/** Options for {@link categoricalCrossEntropy}. */
export interface CategoricalCrossEntropyOptions extends LossOptions {
  /** yPred is clipped to [eps, 1 − eps] so log never sees 0. Default 1e-15; must be in (0, 0.5). */
  eps?: number;
  /** Mixes the labels with the uniform distribution: y ← y·(1 − s) + s/K for K classes. Default 0. */
  labelSmoothing?: number;
}

/**
 * Categorical cross-entropy between predicted class probabilities ŷ (e.g. a softmax
 * output) and target distributions y (usually one-hot), classes on the last axis:
 * `Lₙ = −Σₖ yₙₖ·log p̂ₙₖ` for each sample n, with p̂ = ŷ clipped to [eps, 1 − eps], then
 * the mean over samples. Any leading shape works: [batch, classes], [batch, time,
 * classes], or [classes] for one sample. The loss of a multi-class classifier: the
 * negative log-probability it gave the right class.
 *
 * Keras first renormalises each row of ŷ to sum to 1 and clips at 1e-7; we, like the
 * original SmolML, only clip, at 1e-15. From raw scores (logits), prefer
 * {@link categoricalCrossEntropyWithLogits}: it is exact and faster. With
 * `reduction: 'none'` it returns one loss per sample (shape: yPred's without the last axis).
 *
 * @example
 * const probs = new MLArray([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]);
 * const onehot = new MLArray([[1, 0, 0], [0, 1, 0]]);
 * categoricalCrossEntropy(probs, onehot).item(); // −(log 0.7 + log 0.8) / 2 = 0.2899092476264711
 */
export function categoricalCrossEntropy(yPred: MLArray, yTrue: MLArray, options: CategoricalCrossEntropyOptions = {}): MLArray {
  const op = 'categoricalCrossEntropy';
  checkPair(op, yPred, yTrue);
  // One dtype from here on, by PyTorch's result_type (float64 if either is), so nothing
  // is computed in float32 that the result reports in float64.
  [yPred, yTrue] = promotePair(yPred, yTrue);
  const reduction = readOptions(op, options, ['eps', 'labelSmoothing']);
  checkRange(op, 'yTrue (target probabilities)', yTrue, 0, 1);
  return reduce(op, crossEntropyOfProbabilities(op, yPred, yTrue, options.eps, options.labelSmoothing), reduction, 'samples');
}

/**
 * @internal Per-sample `−Σₖ yₖ·log clip(ŷₖ)` over the last axis, for
 * {@link categoricalCrossEntropy} and the sparse form (which passes one-hot targets).
 */
export function crossEntropyOfProbabilities(op: string, yPred: MLArray, yTrue: MLArray, eps: unknown = 1e-15, smoothing: unknown = 0): MLArray {
  checkEps(op, eps);
  checkLabelSmoothing(op, smoothing);
  checkHasClassAxis(op, yPred);
  checkRange(op, 'yPred (probabilities)', yPred, 0, 1, '; for raw scores use categoricalCrossEntropyWithLogits');
  const classes = yPred.shape[yPred.ndim - 1];
  const y = smoothing === 0 ? yTrue : yTrue.mul(1 - smoothing).add(smoothing / classes);
  return y.mul(yPred.clip(eps, upperClip(yPred.dtype, eps)).log()).sum(-1).neg();
}
