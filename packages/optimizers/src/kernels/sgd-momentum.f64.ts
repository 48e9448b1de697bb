// The SGDMomentum update over one float64 parameter. scripts/gen-f32.mjs writes one copy of this
// file per dtype, so each loop sees one typed-array kind and V8 keeps it monomorphic.
// Arithmetic is in double; a narrower store rounds once.

/**
 * v ← βv + α·g, θ ← θ − v (nesterov: θ ← θ − (βv + α·g)), with g ← g + λθ when the L2
 * weight decay λ is not 0.
 */
export function sgdMomentumF64(p: Float64Array, g: Float64Array, v: Float64Array, lr: number, beta: number, wd: number, nesterov: boolean): void {
  const n = p.length;
  // One loop per case, so no loop tests an option per element.
  if (wd === 0 && !nesterov) {
    for (let i = 0; i < n; i++) {
      const vi = beta * v[i] + lr * g[i];
      v[i] = vi;
      p[i] -= vi;
    }
  } else if (wd === 0) {
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      const vi = beta * v[i] + lr * gi;
      v[i] = vi;
      p[i] -= beta * vi + lr * gi;
    }
  } else if (!nesterov) {
    for (let i = 0; i < n; i++) {
      const vi = beta * v[i] + lr * (g[i] + wd * p[i]);
      v[i] = vi;
      p[i] -= vi;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const vi = beta * v[i] + lr * gi;
      v[i] = vi;
      p[i] -= beta * vi + lr * gi;
    }
  }
}
