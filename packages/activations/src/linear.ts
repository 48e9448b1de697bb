import type { MLArray, Value } from '@smolml/core';
import { checkInput } from './internal/input';

/**
 * The identity, `linear(x) = x`: the "no activation" choice, e.g. for the output layer
 * of a regression model. Returns its input itself (no copy, no graph node), as the
 * original SmolML does.
 *
 * @example
 * const x = new MLArray([1, -2]);
 * linear(x) === x; // true
 */
export function linear<T extends MLArray | Value>(x: T): T {
  checkInput('linear', x);
  return x;
}
