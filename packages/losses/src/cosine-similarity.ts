import { type MLArray, describeArg, normalizeAxis } from '@smolml/core';
import { checkPair, checkPositive, promotePair, readOptions } from './internal/check';
import { type LossOptions, reduce } from './reduction';

/** Options for {@link cosineSimilarityLoss}. */
export interface CosineSimilarityLossOptions extends LossOptions {
  /** The axis holding each vector; may be negative. Default −1 (the last). */
  axis?: number;
  /** Floor on each vector's norm, so a zero vector gives a finite loss. Default 1e-8. */
  eps?: number;
}

/**
 * One minus the cosine similarity of ŷ and y along `axis`:
 * `Lₙ = 1 − Σₖ ŷₙₖ·yₙₖ / (max(‖ŷₙ‖, eps)·max(‖yₙ‖, eps))` per vector, then the mean.
 * 0 when the vectors point the same way, 1 when orthogonal, 2 when opposite; their
 * lengths do not matter. Used to match directions: embeddings, normalised features.
 *
 * We return 1 − cos (never negative), like PyTorch's `CosineEmbeddingLoss` with
 * target 1 and TensorFlow.js's `cosineDistance`; Keras's `CosineSimilarity` loss
 * returns −cos, which differs by the constant 1 and has the same gradient.
 *
 * @example
 * cosineSimilarityLoss(new MLArray([[1, 0], [1, 1]]), new MLArray([[2, 0], [-1, -1]])).item(); // (0 + 2) / 2 = 1, up to rounding (0.9999999999999999)
 */
export function cosineSimilarityLoss(yPred: MLArray, yTrue: MLArray, options: CosineSimilarityLossOptions = {}): MLArray {
  const op = 'cosineSimilarityLoss';
  checkPair(op, yPred, yTrue);
  // One dtype from here on, by PyTorch's result_type (float64 if either is), so nothing
  // is computed in float32 that the result reports in float64.
  [yPred, yTrue] = promotePair(yPred, yTrue);
  const reduction = readOptions(op, options, ['axis', 'eps']);
  const axis = options.axis ?? -1;
  const eps = options.eps ?? 1e-8;
  if (typeof axis !== 'number') throw new TypeError(`${op}: axis must be an integer, got ${describeArg(axis)}`);
  normalizeAxis(axis, yPred.ndim, op);
  checkPositive(op, 'eps', eps);
  // The norms are floored before the square root (max(Σa², eps²), not max(√Σa², eps)),
  // so a zero vector gets a finite gradient instead of 0/0 from √'s derivative at 0.
  const dot = yPred.mul(yTrue).sum(axis);
  const normPred = yPred.mul(yPred).sum(axis).maximum(eps * eps).sqrt();
  const normTrue = yTrue.mul(yTrue).sum(axis).maximum(eps * eps).sqrt();
  const losses = dot.div(normPred.mul(normTrue)).neg().add(1);
  return reduce(op, losses, reduction, 'vectors');
}
