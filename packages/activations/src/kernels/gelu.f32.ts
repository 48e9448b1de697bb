// GENERATED from gelu.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// The exact GELU's loops over Float32Array storage (the float32 twin is generated).
import type { Double } from '../internal/double';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * From `e = erfc(−x/√2)`, formed in double by core's erfc: `cdf[i] = Φ(x) = ½·e` (kept
 * for backward) and `out[i] = x·Φ(x)`, each rounded once on store. `cdf` may be `e` itself
 * when both are double.
 */
export function geluF32(src: Float32Array, e: Double, out: Float32Array, cdf: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const c = 0.5 * e[i];
    cdf[i] = c;
    out[i] = src[i] * c;
  }
}

/** `gx[i] += g[i]·(Φ(x) + x·φ(x))`, φ the standard normal density. */
export function geluBackF32(src: Float32Array, cdf: Float32Array, g: Float32Array, gx: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    gx[i] += g[i] * (cdf[i] + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
  }
}
