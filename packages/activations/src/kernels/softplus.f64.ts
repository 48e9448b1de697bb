// softplus's loops over Float64Array storage (the float32 twin is generated).
import { logOnePlusExp, logistic } from '../internal/logistic';

/** `out[i] = β·x > threshold ? x : log(1 + e^(β·x)) / β`. */
export function softplusF64(src: Float64Array, beta: number, threshold: number, out: Float64Array): void {
  for (let i = 0; i < src.length; i++) {
    const z = src[i] * beta;
    out[i] = z > threshold ? src[i] : logOnePlusExp(z) / beta;
  }
}

/** `gx[i] += g[i]·(β·x > threshold ? 1 : σ(β·x))`. */
export function softplusBackF64(src: Float64Array, beta: number, threshold: number, g: Float64Array, gx: Float64Array): void {
  for (let i = 0; i < src.length; i++) {
    const z = src[i] * beta;
    gx[i] += z > threshold ? g[i] : g[i] * logistic(z);
  }
}
