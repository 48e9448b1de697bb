// logSoftmax's loops over Float64Array storage (the float32 twin is generated). Slices
// are walked as in softmax.f64.ts.

/** `out = (x − m) − log Σ e^(x − m)` along each slice, m the slice's max. */
export function logSoftmaxF64(src: Float64Array, out: Float64Array, outer: number, n: number, inner: number): void {
  const span = n * inner;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const start = o * span + k, stop = start + span;
      let m = -Infinity;
      for (let i = start; i < stop; i += inner) if (src[i] > m) m = src[i];
      let s = 0;
      for (let i = start; i < stop; i += inner) s += Math.exp(src[i] - m);
      const logS = Math.log(s);
      for (let i = start; i < stop; i += inner) out[i] = src[i] - m - logS;
    }
  }
}

/** `gx += g − e^out·Σ g` along each slice (e^out is the softmax). */
export function logSoftmaxBackF64(out: Float64Array, g: Float64Array, gx: Float64Array, outer: number, n: number, inner: number): void {
  const span = n * inner;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const start = o * span + k, stop = start + span;
      let total = 0;
      for (let i = start; i < stop; i += inner) total += g[i];
      for (let i = start; i < stop; i += inner) gx[i] += g[i] - Math.exp(out[i]) * total;
    }
  }
}
