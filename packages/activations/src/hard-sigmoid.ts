import type { MLArray, Value } from '@smolml/core';
import { checkInput } from './internal/input';
import { clampShifted } from './internal/clamp';

/**
 * A piecewise-linear stand-in for the sigmoid: `hardSigmoid(x) = min(max(0, x + 3), 6) / 6`,
 * i.e. 0 below −3, 1 above 3, and `x/6 + 1/2` in between. Cheaper than an exponential;
 * used inside MobileNetV3's hard-swish.
 *
 * We follow PyTorch's definition (slope 1/6). TensorFlow.js and Keras 2 use slope 0.2
 * (`0.2·x + 0.5`, clipped to [0, 1]). The gradient is 1/6 on [−3, 3], ends included
 * (core's `clip` rule); PyTorch excludes the ends.
 *
 * @example
 * hardSigmoid(new MLArray([-4, 0, 1.5, 4])).toList(); // [0, 0.5, 0.75, 1]
 */
export function hardSigmoid<T extends MLArray | Value>(x: T): T {
  checkInput('hardSigmoid', x);
  return clampShifted('hardSigmoid', x, 3, 0, 6, 6);
}
