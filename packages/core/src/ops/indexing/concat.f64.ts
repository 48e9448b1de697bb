import { type MLArray, record, gradOf } from '../../mlarray';
import { allocOut } from '../../dtypes/float64';

// Joining seen as rows: with the joined axis at position `axis`, every input is
// [outer, widthᵢ] (widthᵢ = its length on the axis times the product of the later
// dimensions) and the output is [outer, Σ widthᵢ], the inputs' rows side by side.
// concat and stack are the same walk (stack's inputs have length 1 on the new axis);
// the backward pass hands each input back its own columns of the gradient.

/**
 * `parts` (all of this file's dtype, shapes already checked) joined into `shape`: a new
 * array (a copy). `op` names the node ('concat' or 'stack').
 */
export function join(op: string, parts: readonly MLArray[], outer: number, widths: readonly number[], shape: readonly number[]): MLArray {
  let total = 0;
  for (let p = 0; p < widths.length; p++) total += widths[p];
  const out = allocOut(op, shape);
  let off = 0;
  for (let p = 0; p < parts.length; p++) {
    const x = parts[p].data as Float64Array, w = widths[p];
    for (let o = 0; o < outer; o++) {
      const src = o * w, dst = o * total + off;
      for (let j = 0; j < w; j++) out[dst + j] = x[src + j];
    }
    off += w;
  }
  return record(op, out, shape, parts, (gIn) => {
    const g = gIn as Float64Array;
    let at = 0;
    for (let p = 0; p < parts.length; p++) {
      const w = widths[p], gp = gradOf(parts[p]) as Float64Array | null;
      if (gp !== null) {
        for (let o = 0; o < outer; o++) {
          const src = o * total + at, dst = o * w;
          for (let j = 0; j < w; j++) gp[dst + j] += g[src + j];
        }
      }
      at += w;
    }
  });
}
