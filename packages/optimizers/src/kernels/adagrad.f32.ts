// GENERATED from adagrad.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// The AdaGrad update over one float32 parameter. scripts/gen-f32.mjs writes one copy of this
// file per dtype, so each loop sees one typed-array kind and V8 keeps it monomorphic.
// Arithmetic is in double; a narrower store rounds once.

/** G ← G + g², θ ← θ − α/√(G + ε)·g, with g ← g + λθ when the L2 weight decay λ is not 0. */
export function adagradF32(p: Float32Array, g: Float32Array, sum: Float32Array, lr: number, eps: number, wd: number): void {
  const n = p.length;
  // One loop per case: a test on wd inside the loop costs the hot path.
  if (wd === 0) {
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      const s = sum[i] + gi * gi;
      sum[i] = s;
      p[i] -= (lr / Math.sqrt(s + eps)) * gi;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const s = sum[i] + gi * gi;
      sum[i] = s;
      p[i] -= (lr / Math.sqrt(s + eps)) * gi;
    }
  }
}
