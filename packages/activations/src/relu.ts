import type { MLArray, Value } from '@smolml/core';
import { compose } from './internal/input';

/**
 * Rectified linear unit: `relu(x) = max(0, x)`, elementwise. The default hidden-layer
 * activation: cheap, and its gradient (1 for x > 0, 0 otherwise, 0 at x = 0 as in
 * PyTorch) does not shrink as it passes back through many layers.
 *
 * @example
 * relu(new MLArray([-2, 0, 3])).toList(); // [0, 0, 3]
 * relu(new Value(-1.5)).data;             // 0
 */
export function relu<T extends MLArray | Value>(x: T): T {
  return compose('relu', x, (v) => v.relu());
}
