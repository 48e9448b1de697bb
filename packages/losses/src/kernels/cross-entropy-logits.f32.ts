// GENERATED from cross-entropy-logits.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// The loops of the per-sample cross-entropy of softmax(logits), over Float32Array storage
// (the float32 twin is generated). `rows` samples of `k` classes, contiguous; targets
// are smoothed on the fly: t = y·keep + spread. With m the row max and S = Σⱼ e^(zⱼ − m):
//   L = Σₖ tₖ·((m − zₖ) + log S)            (every term ≥ 0: no cancellation)
//   ∂L/∂zₖ = (e^(zₖ − m)/S)·Σⱼtⱼ − tₖ,   ∂L/∂yₖ = keep·((m − zₖ) + log S)

/** Forward: `out[r]` the loss of row r; e^(z − m), m and S kept for backward in `ez`, `max`, `sum`. */
export function crossEntropyLogitsF32(
  z: Float32Array, y: Float32Array, keep: number, spread: number, rows: number, k: number,
  ez: Float32Array, max: Float32Array, sum: Float32Array, out: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    let m = -Infinity;
    for (let j = 0; j < k; j++) if (z[base + j] > m) m = z[base + j];
    let s = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(z[base + j] - m);
      ez[base + j] = e;
      s += e;
    }
    const logS = Math.log(s);
    let loss = 0;
    for (let j = 0; j < k; j++) {
      const t = y[base + j] * keep + spread;
      if (t !== 0) loss += t * (m - z[base + j] + logS); // skipping t = 0 keeps 0·∞ out for z = −∞
    }
    max[r] = m;
    sum[r] = s;
    out[r] = loss;
  }
}

/** `gz += g[r]·(softmax·Σt − t)` per row. */
export function crossEntropyLogitsBackLogitsF32(
  y: Float32Array, keep: number, spread: number, rows: number, k: number,
  ez: Float32Array, sum: Float32Array, g: Float32Array, gz: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * k, gr = g[r];
    let total = 0;
    for (let j = 0; j < k; j++) total += y[base + j] * keep + spread;
    const scale = (gr * total) / sum[r];
    for (let j = 0; j < k; j++) gz[base + j] += scale * ez[base + j] - gr * (y[base + j] * keep + spread);
  }
}

/** `gy += g[r]·keep·((m − z) + log S)` per row. */
export function crossEntropyLogitsBackTargetsF32(
  z: Float32Array, keep: number, rows: number, k: number,
  max: Float32Array, sum: Float32Array, g: Float32Array, gy: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * k, m = max[r], logS = Math.log(sum[r]), c = g[r] * keep;
    for (let j = 0; j < k; j++) gy[base + j] += c * (m - z[base + j] + logS);
  }
}
