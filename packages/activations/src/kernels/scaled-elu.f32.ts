// GENERATED from scaled-elu.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// The loops behind elu and selu over Float32Array storage (the float32 twin is generated).

/** `out[i] = scale·x` for x > 0, `scale·alpha·expm1(x)` otherwise (`neg` = scale·alpha). */
export function scaledEluF32(src: Float32Array, neg: number, scale: number, out: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = v > 0 ? scale * v : neg * Math.expm1(v);
  }
}

/** `gx[i] += g[i]·(x > 0 ? scale : neg·eˣ)`; at exactly 0 the negative branch, as PyTorch. */
export function scaledEluBackF32(src: Float32Array, neg: number, scale: number, g: Float32Array, gx: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    gx[i] += g[i] * (v > 0 ? scale : neg * Math.exp(v));
  }
}
