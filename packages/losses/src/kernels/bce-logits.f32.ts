// GENERATED from bce-logits.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// binaryCrossEntropyWithLogits's loops over Float32Array storage (the float32 twin is
// generated). Targets are smoothed on the fly: t = y·keep + shift.

/** `out[i] = max(z, 0) − z·t + log(1 + e^(−|z|))`: exact for any z, nothing overflows. */
export function bceLogitsF32(z: Float32Array, y: Float32Array, keep: number, shift: number, out: Float32Array): void {
  for (let i = 0; i < z.length; i++) {
    const zi = z[i], t = y[i] * keep + shift;
    out[i] = (zi > 0 ? zi : 0) - zi * t + Math.log1p(Math.exp(-Math.abs(zi)));
  }
}

/** `gz[i] += g[i]·(σ(z) − t)`, σ formed from e^(−|z|) so it cannot overflow. */
export function bceLogitsBackLogitsF32(z: Float32Array, y: Float32Array, keep: number, shift: number, g: Float32Array, gz: Float32Array): void {
  for (let i = 0; i < z.length; i++) {
    const zi = z[i], e = Math.exp(-Math.abs(zi));
    const sigma = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
    gz[i] += g[i] * (sigma - (y[i] * keep + shift));
  }
}

/** `gy[i] −= g[i]·keep·z`. */
export function bceLogitsBackTargetsF32(z: Float32Array, keep: number, g: Float32Array, gy: Float32Array): void {
  for (let i = 0; i < z.length; i++) gy[i] -= g[i] * keep * z[i];
}
