import type { MLArray } from '@smolml/core';
import { checkEps, checkHasClassAxis, checkPair, checkRange, promotePair, readOptions } from './internal/check';
import { type LossOptions, reduce } from './reduction';

/** Options for {@link klDivergence}. */
export interface KLDivergenceOptions extends LossOptions {
  /** yPred is clipped to [eps, 1] so log never sees 0. Default 1e-15; must be in (0, 0.5). */
  eps?: number;
}

/**
 * Kullback–Leibler divergence of the predicted distribution ŷ from the target y,
 * distributions on the last axis: `Lₙ = Σₖ yₙₖ·(log yₙₖ − log p̂ₙₖ)` per sample
 * (p̂ = ŷ clipped to [eps, 1]; terms with yₙₖ = 0 count 0), then the mean over
 * samples. It is the cross-entropy minus the target's own entropy, so it is 0 exactly
 * when ŷ = y: the loss for matching soft targets (distillation, variational models).
 *
 * Takes probabilities for both arguments, in our (yPred, yTrue) order, like Keras's
 * `KLDivergence`. PyTorch's `kl_div(input, target)` expects log-probabilities as input,
 * and its default 'mean' averages over every element; ours is its 'batchmean'.
 *
 * @example
 * klDivergence(new MLArray([[0.5, 0.5]]), new MLArray([[0.9, 0.1]])).item();
 * // 0.9·log(0.9/0.5) + 0.1·log(0.1/0.5) = 0.368064207168497
 */
export function klDivergence(yPred: MLArray, yTrue: MLArray, options: KLDivergenceOptions = {}): MLArray {
  const op = 'klDivergence';
  checkPair(op, yPred, yTrue);
  // One dtype from here on, by PyTorch's result_type (float64 if either is), so nothing
  // is computed in float32 that the result reports in float64.
  [yPred, yTrue] = promotePair(yPred, yTrue);
  checkHasClassAxis(op, yPred);
  const reduction = readOptions(op, options, ['eps']);
  const eps = options.eps ?? 1e-15;
  checkEps(op, eps);
  checkRange(op, 'yPred (probabilities)', yPred, 0, 1);
  checkRange(op, 'yTrue (target probabilities)', yTrue, 0, 1);
  // y·log y with 0·log 0 = 0 (its limit): the max keeps log finite where y = 0, and
  // there the product is 0 whatever the log. Elsewhere max(y, tiny) is y itself. tiny
  // is the smallest positive number of yTrue's dtype (Number.MIN_VALUE would round to
  // 0 in float32, and 0·log 0 is NaN).
  const tiny = yTrue.dtype === 'float32' ? 2 ** -149 : Number.MIN_VALUE;
  const yLogY = yTrue.mul(yTrue.maximum(tiny).log());
  const losses = yLogY.sub(yTrue.mul(yPred.clip(eps, 1).log())).sum(-1);
  return reduce(op, losses, reduction, 'samples');
}
