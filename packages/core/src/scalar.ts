// The scalar rules that Value and the array kernels share: one statement of each, small
// enough for V8 to inline into the kernels' loops.
import { cpow } from './cpow';

/**
 * `max(x, 0)` with PyTorch's edges: NaN stays NaN, -0 and -Infinity give +0. Written
 * without a data-dependent branch (`x · (x > 0)`), which on random signs ran 5× faster
 * than `x <= 0 ? 0 : x` (a mispredicted branch per element); the one branch left, for
 * -Infinity · 0 = NaN, is almost never taken. `+ 0` turns -0 into +0.
 */
export function reluOf(x: number): number {
  let r = x * +(x > 0);
  if (r !== r && x === -Infinity) r = 0;
  return r + 0;
}

/** Whether relu passes the gradient at `x`: not at 0 (PyTorch's choice), and yes at NaN. */
export function reluPasses(x: number): boolean {
  return !(x <= 0);
}

/** `1 / (1 + e^-x)`, as `e^x / (1 + e^x)` for x < 0 so nothing overflows: sigmoid(-1e4) is 0, not NaN. */
export function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** d(x / y)/dy · g = -g·x/y², rounded as PyTorch does: `-(g · (x / y)) / y`. */
export function divGradDivisor(g: number, x: number, y: number): number {
  return -((g * (x / y)) / y);
}

/** d(x ** k)/dx · g with PyTorch's mask: 0 wherever k = 0, even at x = 0. */
export function powGradBase(g: number, x: number, k: number): number {
  return k === 0 ? 0 : g * k * cpow(x, k - 1);
}

/** d(x ** y)/dy · g = g · out · ln x, with PyTorch's mask: 0 where x = 0 and y >= 0. */
export function powGradExponent(g: number, x: number, y: number, out: number): number {
  return x === 0 && y >= 0 ? 0 : g * out * Math.log(x);
}

/** d|x|/dx · g: sign(x) · g, 0 at 0 (as PyTorch). */
export function absGrad(g: number, x: number): number {
  return x > 0 ? g : x < 0 ? -g : 0;
}
