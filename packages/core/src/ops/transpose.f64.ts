import { ShapeError, describeArg, fmtShape } from '../errors';
import { type MLArray, record, gradOf } from '../mlarray';
import { stridedIndex, stridesOf } from '../shape';
import { allocOut } from '../dtypes/float64';

/** Permutes axes (default: reversed). Returns a new contiguous array. */
export function transpose(a: MLArray, axes?: readonly number[]): MLArray {
  const nd = a.ndim;
  if (axes !== undefined && !Array.isArray(axes)) throw new TypeError(`transpose: axes must be an array of integers, got ${describeArg(axes)}`);
  const perm = axes === undefined ? Array.from({ length: nd }, (_, i) => nd - 1 - i) : axes.map((ax) => (ax < 0 ? ax + nd : ax));
  const seen = new Set(perm);
  if (perm.length !== nd || seen.size !== nd || perm.some((ax) => typeof ax !== 'number' || !Number.isInteger(ax) || ax < 0 || ax >= nd)) {
    throw new ShapeError('transpose', `axes ${fmtShape(axes ?? [])} are not a permutation of the ${nd} axes of ${fmtShape(a.shape)}`, [a.shape]);
  }
  const outShape = perm.map((ax) => a.shape[ax]);
  const x = a.data as Float64Array, n = a.size, out = allocOut('transpose', outShape);
  if (nd === 2 && perm[0] === 1) {
    // The common matrix case, without an index buffer.
    const r = a.shape[0], c = a.shape[1];
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j];
    return record('transpose', out, outShape, [a], (g) => {
      const ga = gradOf(a) as Float64Array | null;
      if (ga !== null) for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) ga[i * c + j] += g[j * r + i];
    });
  }
  const inStrides = stridesOf(a.shape);
  const idx = stridedIndex(outShape, perm.map((ax) => inStrides[ax]));
  for (let i = 0; i < n; i++) out[i] = x[idx[i]];
  return record('transpose', out, outShape, [a], (g) => {
    const ga = gradOf(a) as Float64Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[idx[i]] += g[i];
  }, [idx]);
}
