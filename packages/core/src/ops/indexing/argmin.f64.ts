import { type MLArray, axisArg, keepdimsArg, wrap } from '../../mlarray';
import { fmtShape } from '../../errors';
import { indexBuffer } from './indices';

// The position of the smallest element along an axis, beside argmax (ops/reduce): the
// first one on ties, and the first NaN if there is one (NaN propagates, as in numpy
// and PyTorch). The result is data: double-precision indices (exact to 2^53, see
// indexBuffer) whatever the input's dtype, not recorded, requiresGrad false.

/** Index of the minimum of `a` along `axis` (flat index when `axis` is null). */
export function argmin(a: MLArray, axisIn: number | null, keepdims: boolean): MLArray {
  keepdimsArg('argmin', keepdims);
  const axis = axisArg('argmin', axisIn, a.ndim);
  let outer = 1, inner = 1, n: number, shape: number[];
  if (axis === null) {
    n = a.size;
    shape = keepdims ? a.shape.map(() => 1) : [];
  } else {
    for (let i = 0; i < axis; i++) outer *= a.shape[i];
    for (let i = axis + 1; i < a.ndim; i++) inner *= a.shape[i];
    n = a.shape[axis];
    shape = a.shape.slice();
    if (keepdims) shape[axis] = 1;
    else shape.splice(axis, 1);
  }
  if (n === 0) throw new RangeError(`argmin: cannot reduce an empty axis (shape ${fmtShape(a.shape)})`);
  const x = a.data as Float64Array, out = indexBuffer('argmin', shape);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let best = x[o * n * inner + k], bi = 0;
      if (best === best) {
        for (let j = 1; j < n; j++) {
          const v = x[(o * n + j) * inner + k];
          if (v !== v) { bi = j; break; }
          if (v < best) { best = v; bi = j; }
        }
      }
      out[o * inner + k] = bi;
    }
  }
  return wrap(out, shape, false);
}
