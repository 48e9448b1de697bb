// GENERATED from take-along-axis.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../../mlarray';
import { axisPlan } from '../../vocabulary';
import { allocOut } from '../../dtypes/float32';
import { accumulator } from '../acc';

// numpy.take_along_axis once both operands have their broadcast shape (the dispatcher
// expands them): with `a` seen as [outer, n, inner] and the indices as [outer, m, inner],
// out[o, t, k] = a[o, idx[o, t, k], k]. PyTorch's gather is the same walk.
//
// The gradient scatter-adds within each fibre (o, ·, k). Where a fibre picks one
// element (m = 1: the usual "pick the target class") it adds directly; otherwise the
// fibre's duplicates are summed in double and rounded once, as every reduction here is.

/** `a` gathered at `idx` (normalised, shaped as the output) along `axis`: a new array (a copy). */
export function takeAlongAxis(a: MLArray, idx: Int32Array, shape: readonly number[], axis: number): MLArray {
  const { outer, n, inner } = axisPlan(a.shape, axis), m = shape[axis];
  const x = a.data as Float32Array, out = allocOut('takeAlongAxis', shape);
  for (let o = 0; o < outer; o++) {
    for (let t = 0; t < m; t++) {
      const row = (o * m + t) * inner;
      for (let k = 0; k < inner; k++) out[row + k] = x[(o * n + idx[row + k]) * inner + k];
    }
  }
  return record('takeAlongAxis', out, shape, [a], (gIn) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga === null) return;
    const g = gIn as Float32Array;
    if (m === 1) {
      for (let o = 0; o < outer; o++) {
        for (let k = 0; k < inner; k++) ga[(o * n + idx[o * inner + k]) * inner + k] += g[o * inner + k];
      }
      return;
    }
    // Per fibre: acc[v] sums the gradient of every t with idx = v; seen[v] marks which
    // entries belong to the current fibre, so only touched entries are reset and flushed.
    const acc = accumulator(n), seen = new Int32Array(n).fill(-1);
    let fibre = 0;
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++, fibre++) {
        for (let t = 0; t < m; t++) {
          const v = idx[(o * m + t) * inner + k];
          if (seen[v] !== fibre) { seen[v] = fibre; acc[v] = 0; }
          acc[v] += g[(o * m + t) * inner + k];
        }
        for (let t = 0; t < m; t++) {
          const v = idx[(o * m + t) * inner + k];
          if (seen[v] === fibre) {
            ga[(o * n + v) * inner + k] += acc[v];
            seen[v] = -2; // flushed: later t with the same v skip it
          }
        }
      }
    }
  }, [idx]);
}
