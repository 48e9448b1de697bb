// GENERATED from minmax.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, wrap } from '../mlarray';
import { broadcast, copies, flushSink, sink } from './broadcast.f32';
import { allocOutRaw as allocOut, cast } from '../dtypes/float32';
import { streamBinary } from '../wasm/stream-wasm';

// PyTorch's rule: the larger (smaller) input takes the whole gradient, and on a tie
// each input takes half. NaN propagates, as in torch.maximum.
function extremum(op: 'maximum' | 'minimum', a: MLArray, bIn: MLArray | number): MLArray {
  const b = typeof bIn === 'number' ? wrap(new Float32Array([cast(bIn)]), [], false) : bIn;
  const bc = broadcast(op, a, b);
  const { x, y, size: n } = bc;
  const out = allocOut(op, bc.shape);
  const sign = op === 'maximum' ? 1 : -1;
  // ../wasm/stream-wasm runs the same choice in SIMD on long arrays.
  if (!streamBinary(op, out, x, y)) {
    for (let i = 0; i < n; i++) {
      const xi = x[i], yi = y[i];
      out[i] = xi !== xi || yi !== yi ? NaN : sign * (xi - yi) >= 0 ? xi : yi;
    }
  }
  return record(op, out, bc.shape, typeof bIn === 'number' ? [a] : [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    for (let i = 0; i < n; i++) {
      // PyTorch masks out only the input that lost (d < 0 for a, d > 0 for b); with a
      // NaN involved neither lost, so both take the whole gradient.
      const d = sign * (x[i] - y[i]);
      if (ga) ga[i] += d < 0 ? 0 : d === 0 ? 0.5 * g[i] : g[i];
      if (gb) gb[i] += d > 0 ? 0 : d === 0 ? 0.5 * g[i] : g[i];
    }
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, typeof bIn === 'number' ? [b.data, ...copies(bc, a, b)] : copies(bc, a, b));
}

/** Elementwise maximum of `a` and `b`, with broadcasting. */
export function maximum(a: MLArray, b: MLArray | number): MLArray {
  return extremum('maximum', a, b);
}

/** Elementwise minimum of `a` and `b`, with broadcasting. */
export function minimum(a: MLArray, b: MLArray | number): MLArray {
  return extremum('minimum', a, b);
}
