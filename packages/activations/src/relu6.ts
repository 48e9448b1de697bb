import type { MLArray, Value } from '@smolml/core';
import { checkInput } from './internal/input';
import { clampShifted } from './internal/clamp';

/**
 * ReLU capped at 6: `relu6(x) = min(max(0, x), 6)`. The bound keeps activations in a
 * range that survives low-precision (8-bit) inference; used in MobileNet.
 *
 * The gradient is 1 on [0, 6] (core's `clip` rule, both ends included) and 0
 * elsewhere; PyTorch excludes both ends. The two differ only at exactly 0 and 6.
 *
 * @example
 * relu6(new MLArray([-1, 3, 8])).toList(); // [0, 3, 6]
 */
export function relu6<T extends MLArray | Value>(x: T): T {
  checkInput('relu6', x);
  return clampShifted('relu6', x, 0, 0, 6, 1);
}
