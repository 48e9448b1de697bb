import type { MLArray, Value } from '@smolml/core';
import { compose } from './internal/input';

/**
 * Logistic sigmoid: `σ(x) = 1 / (1 + e⁻ˣ)`, squashing any number into (0, 1). The
 * output of a binary classifier, read as a probability. Stable for any x: σ(−1e4) is
 * exactly 0 and σ(1e4) exactly 1, with finite gradients `σ(x)(1 − σ(x))`.
 *
 * @example
 * sigmoid(new MLArray([0, 2])).toList(); // [0.5, 0.8807970779778823]
 * sigmoid(new Value(-1e4)).data;         // 0
 */
export function sigmoid<T extends MLArray | Value>(x: T): T {
  return compose('sigmoid', x, (v) => v.sigmoid());
}
