import { Value } from '@smolml/core';

/**
 * A Value node worth exactly `y` whose derivative with respect to `x` is `dy`.
 *
 * Value has no expm1, log1p or erf, so the activations that need them (elu, selu,
 * softplus, exact gelu, and the clamps relu6 and hardSigmoid) evaluate `y = f(x)` and
 * `dy = f'(x)` in plain numbers, with the same code as their MLArray kernels, and join
 * the result to the graph through `x`: `x − x.data` is exactly 0 for finite x, so
 * `(x − x.data)·dy + y` equals `y` bit for bit and its gradient is `dy`.
 */
export function scalarOp(x: Value, y: number, dy: number): Value {
  // At ±Infinity, x − x.data is NaN; tanh(±∞) = ±1 keeps the node finite (the
  // derivative there is reported as 0). A NaN input stays NaN either way.
  if (x.data === Infinity || x.data === -Infinity) return x.tanh().mul(0).add(y);
  return x.sub(x.data).mul(dy).add(y);
}
