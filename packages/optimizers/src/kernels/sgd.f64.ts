// The SGD update over one float64 parameter. scripts/gen-f32.mjs writes one copy of this
// file per dtype, so each loop sees one typed-array kind and V8 keeps it monomorphic.
// Arithmetic is in double; a narrower store rounds once.

/** θ ← θ − α·g, or with L2 weight decay λ > 0: θ ← θ − α·(g + λθ). */
export function sgdF64(p: Float64Array, g: Float64Array, lr: number, wd: number): void {
  const n = p.length;
  // One loop per case: a test on wd inside the loop costs the hot path.
  if (wd === 0) {
    for (let i = 0; i < n; i++) p[i] -= lr * g[i];
  } else {
    for (let i = 0; i < n; i++) p[i] -= lr * (g[i] + wd * p[i]);
  }
}
