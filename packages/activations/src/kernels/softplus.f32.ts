// GENERATED from softplus.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// softplus's loops over Float32Array storage (the float32 twin is generated).
import { logOnePlusExp, logistic } from '../internal/logistic';

/** `out[i] = β·x > threshold ? x : log(1 + e^(β·x)) / β`. */
export function softplusF32(src: Float32Array, beta: number, threshold: number, out: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const z = src[i] * beta;
    out[i] = z > threshold ? src[i] : logOnePlusExp(z) / beta;
  }
}

/** `gx[i] += g[i]·(β·x > threshold ? 1 : σ(β·x))`. */
export function softplusBackF32(src: Float32Array, beta: number, threshold: number, g: Float32Array, gx: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const z = src[i] * beta;
    gx[i] += z > threshold ? g[i] : g[i] * logistic(z);
  }
}
