import type { MLArray } from '@smolml/core';
import { checkPair, readOptions } from './internal/check';
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
  const reduction = readOptions('mseLoss', options, []);
  const error = yPred.sub(yTrue);
  return reduce('mseLoss', error.mul(error), reduction, 'elements');
}
