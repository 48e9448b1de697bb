import { type MLArray, customOp, allocate } from '@smolml/core';

/** A forward loop `out = f(src)` and its backward `gx += g·f′(src)`, for one storage type. */
export interface ElementwiseKernel<A> {
  forward(src: A, out: A): void;
  backward(src: A, g: A, gx: A): void;
}

/**
 * A fused elementwise op on `x`, in `x`'s dtype: the float64 or the float32 kernel runs
 * (each loop sees one typed-array kind, so V8 keeps it monomorphic; the two are one
 * source, `*.f64.ts`, and its generated twin). Its backward keeps nothing beyond the
 * input, so the node declares no saved buffers.
 */
export function fusedElementwise(
  op: string,
  x: MLArray,
  f64: ElementwiseKernel<Float64Array>,
  f32: ElementwiseKernel<Float32Array>,
): MLArray {
  if (x.dtype === 'float32') {
    const src = x.data as Float32Array, out = (allocate('float32', src.length) as Float32Array);
    f32.forward(src, out);
    return customOp(op, [x], out, x.shape, (g, [gx]) => {
      if (gx !== null) f32.backward(src, g as Float32Array, gx as Float32Array);
    }, { saved: [] });
  }
  const src = x.data as Float64Array, out = (allocate('float64', src.length) as Float64Array);
  f64.forward(src, out);
  return customOp(op, [x], out, x.shape, (g, [gx]) => {
    if (gx !== null) f64.backward(src, g as Float64Array, gx as Float64Array);
  }, { saved: [] });
}

/**
 * A number parameter as the kernel of `x`'s dtype uses it: rounded to float32 for a
 * float32 array, as PyTorch converts a scalar argument to the tensor's type.
 */
export function inDType(x: MLArray, v: number): number {
  return x.dtype === 'float32' ? Math.fround(v) : v;
}
