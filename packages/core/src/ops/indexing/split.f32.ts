// GENERATED from split.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../../mlarray';
import { axisPlan } from '../../vocabulary';
import { allocOut } from '../../dtypes/float32';

// The inverse of concat's walk: `a` seen as [outer, n · inner] is cut into column
// blocks of sizesᵢ · inner, each a new array with its own node whose backward adds its
// gradient back into those columns of a's gradient.

/** `a` cut along `axis` into pieces of `sizes` (which sum to the axis length): new arrays (copies). */
export function split(a: MLArray, sizes: readonly number[], axis: number): MLArray[] {
  const { outer, inner } = axisPlan(a.shape, axis);
  const total = a.shape[axis] * inner;
  const x = a.data as Float32Array;
  const pieces: MLArray[] = [];
  let off = 0;
  for (let p = 0; p < sizes.length; p++) {
    const shape = a.shape.slice();
    shape[axis] = sizes[p];
    const w = sizes[p] * inner, at = off;
    const out = allocOut('split', shape);
    for (let o = 0; o < outer; o++) {
      const src = o * total + at, dst = o * w;
      for (let j = 0; j < w; j++) out[dst + j] = x[src + j];
    }
    pieces.push(record('split', out, shape, [a], (gIn) => {
      const ga = gradOf(a) as Float32Array | null;
      if (ga === null) return;
      const g = gIn as Float32Array;
      for (let o = 0; o < outer; o++) {
        const dst = o * total + at, src = o * w;
        for (let j = 0; j < w; j++) ga[dst + j] += g[src + j];
      }
    }));
    off += w;
  }
  return pieces;
}
