// huberLoss's loops over Float64Array storage (the float32 twin is generated).

/** `out[i] = ½e²` where |e| < δ, `δ·(|e| − ½δ)` beyond. */
export function huberF64(e: Float64Array, delta: number, out: Float64Array): void {
  for (let i = 0; i < e.length; i++) {
    const a = Math.abs(e[i]);
    out[i] = a < delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
  }
}

/** `ge[i] += g[i]·clip(e, −δ, δ)`: the gradient exactly, without the cancellation of a composed form. */
export function huberBackF64(e: Float64Array, delta: number, g: Float64Array, ge: Float64Array): void {
  for (let i = 0; i < e.length; i++) {
    const v = e[i];
    ge[i] += g[i] * (v < -delta ? -delta : v > delta ? delta : v);
  }
}
