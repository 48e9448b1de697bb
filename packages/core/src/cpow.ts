/**
 * C's `pow`, which PyTorch follows, where it differs from `Math.pow`: 1 to any power
 * (even NaN) is 1, and so is -1 to ±Infinity. Elsewhere the two agree.
 */
export function cpow(a: number, b: number): number {
  return a === 1 || (a === -1 && (b === Infinity || b === -Infinity)) ? 1 : Math.pow(a, b);
}
