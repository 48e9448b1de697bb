import type { MLArray } from '@smolml/core';
import { checkPair, promotePair, readOptions } from './internal/check';
import { type LossOptions, reduce } from './reduction';

/**
 * Hinge loss for labels y ∈ {−1, +1} and raw scores ŷ: `L = (1/N)·Σᵢ max(0, 1 − yᵢ·ŷᵢ)`.
 * The loss of a (linear) support vector machine: a prediction on the right side with
 * margin ≥ 1 costs nothing, so training concentrates on the points near the boundary.
 *
 * Labels must be exactly −1 or 1. Keras's `hinge` silently converts 0/1 labels; we
 * refuse them with a RangeError (convert with `y.mul(2).sub(1)`). With
 * `reduction: 'none'` it returns every element's loss.
 *
 * @example
 * hingeLoss(new MLArray([0.3, -2, 1.5]), new MLArray([1, -1, -1])).item(); // (0.7 + 0 + 2.5) / 3 = 1.0666666666666667
 */
export function hingeLoss(yPred: MLArray, yTrue: MLArray, options: LossOptions = {}): MLArray {
  const op = 'hingeLoss';
  checkPair(op, yPred, yTrue);
  // One dtype from here on, by PyTorch's result_type (float64 if either is), so nothing
  // is computed in float32 that the result reports in float64.
  [yPred, yTrue] = promotePair(yPred, yTrue);
  const reduction = readOptions(op, options, []);
  const y = yTrue.data;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) {
      throw new RangeError(`${op}: labels must be -1 or 1, got ${y[i]} at flat index ${i} (for 0/1 labels pass y.mul(2).sub(1))`);
    }
  }
  return reduce(op, yTrue.mul(yPred).neg().add(1).relu(), reduction, 'elements');
}
