// GENERATED from adam.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// The Adam / AdamW update over one float32 parameter. scripts/gen-f32.mjs writes one copy of this
// file per dtype, so each loop sees one typed-array kind and V8 keeps it monomorphic.
// Arithmetic is in double; a narrower store rounds once. Core's WebAssembly SIMD kernel
// (adamUpdateSimd) runs these same operations in the same order and takes over from 128
// elements up; these loops are its bit-identical fallback (test/adam-simd.test.ts).
import { adamUpdateSimd } from '@smolml/core';

/**
 * One Adam step at step count t, as PyTorch computes it:
 *
 *     m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,
 *     θ ← θ − α/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
 *
 * Weight decay λ (0 for none) is L2 (g ← g + λθ) or, with `decoupled`, AdamW's
 * θ ← θ·(1 − αλ) before the step.
 */
export function adamF32(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  wd: number,
  decoupled: boolean,
  t: number,
): void {
  const stepSize = lr / (1 - beta1 ** t);
  const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const n = p.length;
  const mode = wd === 0 ? 'plain' : decoupled ? 'decoupled' : 'l2';
  const hyper = { beta1, c1, beta2, c2, stepSize, bc2Sqrt, eps, wd, shrink: 1 - lr * wd };
  if (adamUpdateSimd(mode, p, g, m, v, hyper)) return;
  // One loop per case: a test on the weight decay inside the loop halves its speed.
  if (wd === 0) {
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      const mi = beta1 * m[i] + c1 * gi;
      const vi = beta2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    }
  } else if (decoupled) {
    const shrink = hyper.shrink;
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      const mi = beta1 * m[i] + c1 * gi;
      const vi = beta2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] = p[i] * shrink - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const mi = beta1 * m[i] + c1 * gi;
      const vi = beta2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    }
  }
}
