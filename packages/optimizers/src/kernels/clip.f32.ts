// GENERATED from clip.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// The loops of gradient clipping over one float32 gradient. scripts/gen-f32.mjs writes one copy of this
// file per dtype, so each loop sees one typed-array kind and V8 keeps it monomorphic.
// Arithmetic is in double; a narrower store rounds once.

/** max |g[i]|, NaN if any element is NaN. */
export function maxAbsF32(g: Float32Array, start: number): number {
  let max = start;
  for (let i = 0; i < g.length; i++) {
    const a = Math.abs(g[i]);
    if (a > max || a !== a) max = a; // a !== a: NaN must win
  }
  return max;
}

/** Σ (g[i] / scale)², added to `start`. */
export function sumSquaresF32(g: Float32Array, scale: number, start: number): number {
  let sum = start;
  for (let i = 0; i < g.length; i++) {
    const x = g[i] / scale;
    sum += x * x;
  }
  return sum;
}

/** g ← g·s, in place. */
export function scaleF32(g: Float32Array, s: number): void {
  for (let i = 0; i < g.length; i++) g[i] *= s;
}

/** Clamps every element to [−c, c] in place; NaN stays NaN. */
export function clampF32(g: Float32Array, c: number): void {
  for (let i = 0; i < g.length; i++) {
    if (g[i] > c) g[i] = c;
    else if (g[i] < -c) g[i] = -c;
  }
}
