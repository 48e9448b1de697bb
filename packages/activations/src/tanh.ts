import type { MLArray, Value } from '@smolml/core';
import { compose } from './internal/input';

/**
 * Hyperbolic tangent: `tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)`, squashing into (−1, 1) and
 * centred on 0. Computed with `Math.tanh`, which saturates cleanly (tanh(1e4) is 1)
 * where the textbook exponential form overflows past x ≈ 355.
 *
 * @example
 * tanh(new MLArray([0, 1])).toList(); // [0, 0.7615941559557649]
 */
export function tanh<T extends MLArray | Value>(x: T): T {
  return compose('tanh', x, (v) => v.tanh());
}
