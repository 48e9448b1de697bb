// GENERATED from clamp-shifted.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// The loops behind relu6 and hardSigmoid over Float32Array storage (the float32 twin is generated).

/** `out[i] = min(max(x + shift, lo), hi) / divisor`. */
export function clampShiftedF32(src: Float32Array, shift: number, lo: number, hi: number, divisor: number, out: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const s = src[i] + shift;
    out[i] = (s < lo ? lo : s > hi ? hi : s) / divisor;
  }
}

/** `gx[i] += g[i] / divisor` strictly inside (lo, hi), as PyTorch's hardtanh and hardsigmoid. */
export function clampShiftedBackF32(src: Float32Array, shift: number, lo: number, hi: number, divisor: number, g: Float32Array, gx: Float32Array): void {
  const inv = 1 / divisor;
  for (let i = 0; i < src.length; i++) {
    const s = src[i] + shift;
    if (s > lo && s < hi) gx[i] += g[i] * inv;
  }
}
