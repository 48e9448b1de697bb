import { type MLArray, Value } from '@smolml/core';
import { fusedElementwise, inDType } from './fused';
import { scaledEluBackF64, scaledEluF64 } from '../kernels/scaled-elu.f64';
import { scaledEluBackF32, scaledEluF32 } from '../kernels/scaled-elu.f32';

/**
 * `scale·x` for x > 0, `scale·alpha·(eˣ − 1)` otherwise: the op behind {@link elu}
 * and {@link selu}, in the input's dtype.
 *
 * eˣ − 1 cancels catastrophically near 0 (at x = −1e-10 it is off by 8e-8 relative), so
 * it is `Math.expm1`, with full precision. (PyTorch 1.13 computes exp(x) − 1, so near 0
 * this is the more accurate of the two.) Fused rather than composed from core's expm1,
 * a mask and `where`: one pass and one node, and the gradient at exactly 0 takes the
 * negative branch, `scale·alpha`, as PyTorch's does.
 */
export function scaledElu<T extends MLArray | Value>(op: string, x: T, alpha: number, scale: number): T {
  if (x instanceof Value) {
    const v = x.data, neg = scale * alpha;
    return Value.custom(v > 0 ? scale * v : neg * Math.expm1(v), [x], [v > 0 ? scale : neg * Math.exp(v)]) as T;
  }
  const a = x as MLArray;
  // In float32 the constants are float32 too, and their product is formed there, as
  // PyTorch's elu kernel forms alpha·scale in the tensor's type.
  const s = inDType(a, scale), neg = inDType(a, inDType(a, alpha) * s);
  return fusedElementwise(op, a,
    { forward: (src, out) => scaledEluF64(src, neg, s, out), backward: (src, g, gx) => scaledEluBackF64(src, neg, s, g, gx) },
    { forward: (src, out) => scaledEluF32(src, neg, s, out), backward: (src, g, gx) => scaledEluBackF32(src, neg, s, g, gx) }) as T;
}
