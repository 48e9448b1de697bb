// The loops behind relu6 and hardSigmoid over Float64Array storage (the float32 twin is generated).

/** `out[i] = min(max(x + shift, lo), hi) / divisor`. */
export function clampShiftedF64(src: Float64Array, shift: number, lo: number, hi: number, divisor: number, out: Float64Array): void {
  for (let i = 0; i < src.length; i++) {
    const s = src[i] + shift;
    out[i] = (s < lo ? lo : s > hi ? hi : s) / divisor;
  }
}

/** `gx[i] += g[i] / divisor` strictly inside (lo, hi), as PyTorch's hardtanh and hardsigmoid. */
export function clampShiftedBackF64(src: Float64Array, shift: number, lo: number, hi: number, divisor: number, g: Float64Array, gx: Float64Array): void {
  const inv = 1 / divisor;
  for (let i = 0; i < src.length; i++) {
    const s = src[i] + shift;
    if (s > lo && s < hi) gx[i] += g[i] * inv;
  }
}
