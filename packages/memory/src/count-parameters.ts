import type { MLArray } from '@smolml/core';
import type { NeuralNetworkLike, RegressionLike } from './models';
import { isNetwork, networkParameters, regressionParameters } from './parameters';
import { collectArrays } from './iterable-cap';

/**
 * The number of trainable numbers in a model: every element of every layer's weights
 * and biases (or a regression's weights and bias, or a list of arrays). An array used
 * twice (tied weights) counts once. A list is read up to {@link ITERABLE_CAP} arrays;
 * a longer (or endless) one is a RangeError.
 *
 * @example
 * // 784→128→10: 784·128 + 128 + 128·10 + 10
 * countParameters(mlp); // 101770
 */
export function countParameters(model: NeuralNetworkLike | RegressionLike | Iterable<MLArray>): number {
  const FN = 'countParameters';
  let arrays: MLArray[];
  if (typeof model === 'object' && model !== null && Symbol.iterator in model) {
    arrays = collectArrays(FN, 'the list', model);
  } else if (isNetwork(model)) {
    arrays = networkParameters(FN, model).map((p) => p.array);
  } else {
    arrays = regressionParameters(FN, model as RegressionLike).map((p) => p.array);
  }
  let n = 0;
  for (const a of new Set(arrays)) n += a.size;
  return n;
}
