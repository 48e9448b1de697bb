// The loops behind elu and selu over Float64Array storage (the float32 twin is generated).

/** `out[i] = scale·x` for x > 0, `scale·alpha·expm1(x)` otherwise (`neg` = scale·alpha). */
export function scaledEluF64(src: Float64Array, neg: number, scale: number, out: Float64Array): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = v > 0 ? scale * v : neg * Math.expm1(v);
  }
}

/** `gx[i] += g[i]·(x > 0 ? scale : neg·eˣ)`; at exactly 0 the negative branch, as PyTorch. */
export function scaledEluBackF64(src: Float64Array, neg: number, scale: number, g: Float64Array, gx: Float64Array): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    gx[i] += g[i] * (v > 0 ? scale : neg * Math.exp(v));
  }
}
