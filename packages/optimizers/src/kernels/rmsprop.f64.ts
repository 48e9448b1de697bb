// The RMSProp update over one float64 parameter. scripts/gen-f32.mjs writes one copy of this
// file per dtype, so each loop sees one typed-array kind and V8 keeps it monomorphic.
// Arithmetic is in double; a narrower store rounds once.

/**
 * s ← ρs + (1 − ρ)g²; with `avg` (centered) ḡ ← ρḡ + (1 − ρ)g and s − ḡ² replaces s;
 * d = √s + ε; with `buf` (momentum μ) b ← μb + g/d, θ ← θ − αb, else θ ← θ − αg/d.
 * g ← g + λθ when the L2 weight decay λ is not 0.
 */
export function rmspropF64(
  p: Float64Array,
  g: Float64Array,
  sq: Float64Array,
  avg: Float64Array | null,
  buf: Float64Array | null,
  lr: number,
  rho: number,
  eps: number,
  mu: number,
  wd: number,
): void {
  const n = p.length;
  const c = 1 - rho;
  // The weight-decay test stays out of the loops; the centered and momentum tests are
  // the same for every element, so the branch predictor takes them for free.
  if (wd === 0) {
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      const s = rho * sq[i] + c * gi * gi;
      sq[i] = s;
      let denom: number;
      if (avg === null) {
        denom = Math.sqrt(s) + eps;
      } else {
        const a = rho * avg[i] + c * gi;
        avg[i] = a;
        denom = Math.sqrt(s - a * a) + eps;
      }
      if (buf === null) {
        p[i] -= (lr * gi) / denom;
      } else {
        const b = mu * buf[i] + gi / denom;
        buf[i] = b;
        p[i] -= lr * b;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const s = rho * sq[i] + c * gi * gi;
      sq[i] = s;
      let denom: number;
      if (avg === null) {
        denom = Math.sqrt(s) + eps;
      } else {
        const a = rho * avg[i] + c * gi;
        avg[i] = a;
        denom = Math.sqrt(s - a * a) + eps;
      }
      if (buf === null) {
        p[i] -= (lr * gi) / denom;
      } else {
        const b = mu * buf[i] + gi / denom;
        buf[i] = b;
        p[i] -= lr * b;
      }
    }
  }
}
