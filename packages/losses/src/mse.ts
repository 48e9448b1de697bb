import type { MLArray } from '@smolml/core';
import { checkPair, promotePair, readOptions } from './internal/check';
import { type LossOptions, reduce } from './reduction';

/**
 * Mean squared error: `L = (1/N)·Σᵢ (ŷᵢ − yᵢ)²` over all N elements. The standard
 * regression loss; squaring makes large errors cost much more than small ones, so
 * it is sensitive to outliers. Gradient `2(ŷ − y)/N`.
 *
 * With `reduction: 'none'` it returns the squared error of every element.
 *
 * @example
 * mseLoss(new MLArray([1, 2, 4]), new MLArray([1, 3, 2])).item(); // (0 + 1 + 4) / 3 = 1.6666666666666667
 */
export function mseLoss(yPred: MLArray, yTrue: MLArray, options: LossOptions = {}): MLArray {
  checkPair('mseLoss', yPred, yTrue);
  // One dtype from here on, by PyTorch's result_type (float64 if either is), so nothing
  // is computed in float32 that the result reports in float64.
  [yPred, yTrue] = promotePair(yPred, yTrue);
  const reduction = readOptions('mseLoss', options, []);
  const error = yPred.sub(yTrue);
  return reduce('mseLoss', error.mul(error), reduction, 'elements');
}
