// GENERATED from softmax.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
// softmax's loops over Float32Array storage (the float32 twin is generated).
//
// The slice along the axis at (o, k) starts at o·n·inner + k and steps by `inner` (1 for
// the last axis, the hot case, where each loop is plain and contiguous).

/** `out = e^(x − m) / Σ e^(x − m)` along each slice, m the slice's max. */
export function softmaxF32(src: Float32Array, out: Float32Array, outer: number, n: number, inner: number): void {
  const span = n * inner;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const start = o * span + k, stop = start + span;
      let m = -Infinity;
      for (let i = start; i < stop; i += inner) if (src[i] > m) m = src[i];
      let s = 0;
      for (let i = start; i < stop; i += inner) {
        const e = Math.exp(src[i] - m);
        out[i] = e;
        s += e;
      }
      for (let i = start; i < stop; i += inner) out[i] /= s;
    }
  }
}

/** `gx += y·(g − Σ g·y)` along each slice, y the softmax output. */
export function softmaxBackF32(y: Float32Array, g: Float32Array, gx: Float32Array, outer: number, n: number, inner: number): void {
  const span = n * inner;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const start = o * span + k, stop = start + span;
      let dot = 0;
      for (let i = start; i < stop; i += inner) dot += g[i] * y[i];
      for (let i = start; i < stop; i += inner) gx[i] += y[i] * (g[i] - dot);
    }
  }
}
