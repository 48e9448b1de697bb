// GENERATED from take.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../../mlarray';
import { axisPlan } from '../../vocabulary';
import { allocOut } from '../../dtypes/float32';
import { accumulator } from '../acc';
import { checkDims } from '../../shape';

// numpy.take along one axis: with `a` seen as [outer, n, inner] and the m indices
// flattened, out[o, t, k] = a[o, idx[t], k]. An embedding lookup is the case outer = 1.
//
// The gradient scatter-adds (a row picked twice gets both rows of the gradient). The
// indices are grouped by value once per backward pass (a counting sort, O(n + m)), so
// each picked row of `a` gets the sum of its gradient rows computed in double and
// rounded once, as every reduction here does; the cost follows m, not the table size.

/** `a` gathered at `idx` (already normalised into [0, n)) along `axis`: a new array (a copy). */
export function take(a: MLArray, idx: Int32Array, idxShape: readonly number[], axis: number): MLArray {
  const shape = [...a.shape.slice(0, axis), ...idxShape, ...a.shape.slice(axis + 1)];
  checkDims('take', shape.length);
  const { outer, n, inner } = axisPlan(a.shape, axis), m = idx.length;
  const x = a.data as Float32Array, out = allocOut('take', shape);
  for (let o = 0; o < outer; o++) {
    for (let t = 0; t < m; t++) {
      const src = (o * n + idx[t]) * inner, dst = (o * m + t) * inner;
      for (let k = 0; k < inner; k++) out[dst + k] = x[src + k];
    }
  }
  return record('take', out, shape, [a], (gIn) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga === null) return;
    const g = gIn as Float32Array;
    // Counting sort: order[start[v] .. start[v + 1]) are the positions t with idx[t] = v.
    const start = new Int32Array(n + 1);
    for (let t = 0; t < m; t++) start[idx[t] + 1]++;
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const order = new Int32Array(m), fill = start.slice(0, n);
    for (let t = 0; t < m; t++) order[fill[idx[t]]++] = t;
    const acc = accumulator(inner);
    for (let o = 0; o < outer; o++) {
      for (let s = 0; s < m; ) {
        const v = idx[order[s]], end = start[v + 1];
        const dst = (o * n + v) * inner;
        if (end - s === 1) {
          const src = (o * m + order[s]) * inner;
          for (let k = 0; k < inner; k++) ga[dst + k] += g[src + k];
        } else {
          acc.fill(0);
          for (let r = s; r < end; r++) {
            const src = (o * m + order[r]) * inner;
            for (let k = 0; k < inner; k++) acc[k] += g[src + k];
          }
          for (let k = 0; k < inner; k++) ga[dst + k] += acc[k];
        }
        s = end;
      }
    }
  }, [idx]);
}
