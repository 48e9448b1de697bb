import { ShapeError, fmtShape } from '../errors';
import { type MLArray, record, gradOf } from '../mlarray';
import { stridesOf } from '../shape';

/** For each output element (row-major), the flat index of its source element. */
function permutationIndex(shape: readonly number[], axes: readonly number[], outShape: readonly number[]): Int32Array {
  const inStrides = stridesOf(shape);
  const st = axes.map((ax) => inStrides[ax]);
  const size = outShape.reduce((p, d) => p * d, 1);
  const idx = new Int32Array(size);
  const nd = outShape.length;
  if (size === 0) return idx;
  if (nd === 0) return idx;
  const counter = new Array<number>(nd).fill(0);
  const last = nd - 1, lastLen = outShape[last], lastStride = st[last];
  let base = 0;
  for (let i = 0; i < size; ) {
    for (let j = 0; j < lastLen; j++) idx[i++] = base + j * lastStride;
    for (let d = last - 1; d >= 0; d--) {
      counter[d]++;
      base += st[d];
      if (counter[d] < outShape[d]) break;
      base -= st[d] * counter[d];
      counter[d] = 0;
    }
  }
  return idx;
}

/** Permutes axes (default: reversed). Returns a new contiguous array. */
export function transpose(a: MLArray, axes?: readonly number[]): MLArray {
  const nd = a.ndim;
  const perm = axes === undefined ? Array.from({ length: nd }, (_, i) => nd - 1 - i) : axes.map((ax) => (ax < 0 ? ax + nd : ax));
  const seen = new Set(perm);
  if (perm.length !== nd || seen.size !== nd || perm.some((ax) => !Number.isInteger(ax) || ax < 0 || ax >= nd)) {
    throw new ShapeError('transpose', `axes ${fmtShape(axes ?? [])} are not a permutation of the ${nd} axes of ${fmtShape(a.shape)}`, [a.shape]);
  }
  const outShape = perm.map((ax) => a.shape[ax]);
  const x = a.data, n = a.size, out = new Float64Array(n);
  if (nd === 2 && perm[0] === 1) {
    // The common matrix case, without an index buffer.
    const r = a.shape[0], c = a.shape[1];
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j];
    return record('transpose', out, outShape, [a], (g) => {
      const ga = gradOf(a) as Float64Array;
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) ga[i * c + j] += g[j * r + i];
    });
  }
  const idx = permutationIndex(a.shape, perm, outShape);
  for (let i = 0; i < n; i++) out[i] = x[idx[i]];
  return record('transpose', out, outShape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) ga[idx[i]] += g[i];
  }, [idx]);
}
