// leakyRelu's loops over Float64Array storage (the float32 twin is generated).

/** `out[i] = x > 0 ? x : alpha·x`. */
export function leakyReluF64(src: Float64Array, alpha: number, out: Float64Array): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = v > 0 ? v : v * alpha;
  }
}

/** `gx[i] += g[i]·(x > 0 ? 1 : alpha)`: alpha at exactly 0, as PyTorch. */
export function leakyReluBackF64(src: Float64Array, alpha: number, g: Float64Array, gx: Float64Array): void {
  for (let i = 0; i < src.length; i++) gx[i] += src[i] > 0 ? g[i] : g[i] * alpha;
}
