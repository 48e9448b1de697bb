import { MLArray, Value, customOp } from '@smolml/core';
import { scalarOp } from './scalar-op';

/**
 * `scale·x` for x > 0, `scale·alpha·(eˣ − 1)` otherwise: the kernel behind {@link elu}
 * and {@link selu}.
 *
 * Fused because eˣ − 1 cancels catastrophically near 0 (at x = −1e-10 it is off by
 * 8e-8 relative) and core has no expm1; `Math.expm1` keeps full precision. (PyTorch
 * 1.13 computes exp(x) − 1, so near 0 this is the more accurate of the two.) The
 * gradient at exactly 0 takes the negative branch, `scale·alpha`, as PyTorch's does.
 */
export function scaledElu<T extends MLArray | Value>(op: string, x: T, alpha: number, scale: number): T {
  const neg = scale * alpha;
  if (x instanceof Value) {
    const v = x.data;
    return scalarOp(x, v > 0 ? scale * v : neg * Math.expm1(v), v > 0 ? scale : neg * Math.exp(v)) as T;
  }
  const a = x as MLArray;
  const src = a.data, n = src.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = src[i];
    out[i] = v > 0 ? scale * v : neg * Math.expm1(v);
  }
  return customOp(op, [a], out, a.shape, (g, [ga]) => {
    if (ga === null) return;
    for (let i = 0; i < n; i++) {
      const v = src[i];
      ga[i] += g[i] * (v > 0 ? scale : neg * Math.exp(v));
    }
  }) as T;
}
