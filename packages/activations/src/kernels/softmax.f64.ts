// softmax's loops over Float64Array storage (the float32 twin is generated).
//
// The slice along the axis at (o, k) starts at o·n·inner + k and steps by `inner` (1 for
// the last axis, the hot case, where each loop is plain and contiguous).

/** `out = e^(x − m) / Σ e^(x − m)` along each slice, m the slice's max. */
export function softmaxF64(src: Float64Array, out: Float64Array, outer: number, n: number, inner: number): void {
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
export function softmaxBackF64(y: Float64Array, g: Float64Array, gx: Float64Array, outer: number, n: number, inner: number): void {
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
