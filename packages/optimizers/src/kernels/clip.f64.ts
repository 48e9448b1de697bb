// The loops of gradient clipping over one float64 gradient. scripts/gen-f32.mjs writes one copy of this
// file per dtype, so each loop sees one typed-array kind and V8 keeps it monomorphic.
// Arithmetic is in double; a narrower store rounds once.

/** max |g[i]|, NaN if any element is NaN. */
export function maxAbsF64(g: Float64Array, start: number): number {
  let max = start;
  for (let i = 0; i < g.length; i++) {
    const a = Math.abs(g[i]);
    if (a > max || a !== a) max = a; // a !== a: NaN must win
  }
  return max;
}

/** Σ (g[i] / scale)², added to `start`. */
export function sumSquaresF64(g: Float64Array, scale: number, start: number): number {
  let sum = start;
  for (let i = 0; i < g.length; i++) {
    const x = g[i] / scale;
    sum += x * x;
  }
  return sum;
}

/** g ← g·s, in place. */
export function scaleF64(g: Float64Array, s: number): void {
  for (let i = 0; i < g.length; i++) g[i] *= s;
}

/** Clamps every element to [−c, c] in place; NaN stays NaN. */
export function clampF64(g: Float64Array, c: number): void {
  for (let i = 0; i < g.length; i++) {
    if (g[i] > c) g[i] = c;
    else if (g[i] < -c) g[i] = -c;
  }
}
