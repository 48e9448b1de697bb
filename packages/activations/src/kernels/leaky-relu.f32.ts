// GENERATED from leaky-relu.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// leakyRelu's loops over Float32Array storage (the float32 twin is generated).

/** `out[i] = x > 0 ? x : alpha·x`. */
export function leakyReluF32(src: Float32Array, alpha: number, out: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = v > 0 ? v : v * alpha;
  }
}

/** `gx[i] += g[i]·(x > 0 ? 1 : alpha)`: alpha at exactly 0, as PyTorch. */
export function leakyReluBackF32(src: Float32Array, alpha: number, g: Float32Array, gx: Float32Array): void {
  for (let i = 0; i < src.length; i++) gx[i] += src[i] > 0 ? g[i] : g[i] * alpha;
}
