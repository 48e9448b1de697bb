import type { MLArray } from '@smolml/core';
import { checkPair, promotePair, readOptions } from './internal/check';
import { type LossOptions, reduce } from './reduction';

/**
 * Mean absolute error: `L = (1/N)·Σᵢ |ŷᵢ − yᵢ|` over all N elements. A regression loss
 * that grows only linearly with the error, so outliers pull on the model far less
 * than with {@link mseLoss}. Its gradient is `sign(ŷ − y)/N` (0 where ŷ = y, as in
 * PyTorch): the same size however close the prediction already is.
 *
 * With `reduction: 'none'` it returns the absolute error of every element.
 *
 * @example
 * maeLoss(new MLArray([1, 2, 4]), new MLArray([1, 3, 2])).item(); // (0 + 1 + 2) / 3 = 1
 */
export function maeLoss(yPred: MLArray, yTrue: MLArray, options: LossOptions = {}): MLArray {
  checkPair('maeLoss', yPred, yTrue);
  // One dtype from here on, by PyTorch's result_type (float64 if either is), so nothing
  // is computed in float32 that the result reports in float64.
  [yPred, yTrue] = promotePair(yPred, yTrue);
  const reduction = readOptions('maeLoss', options, []);
  return reduce('maeLoss', yPred.sub(yTrue).abs(), reduction, 'elements');
}
