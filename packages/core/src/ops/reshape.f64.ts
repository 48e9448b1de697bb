import { ShapeError, fmtShape } from '../errors';
import { type MLArray, record, gradOf } from '../mlarray';
import { checkDims } from '../shape';

/** The same elements in a new shape; one entry may be -1 (inferred). Shares `data`. */
export function reshape(a: MLArray, dims: readonly number[]): MLArray {
  checkDims('reshape', dims.length);
  let infer = -1;
  let known = 1;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d === -1) {
      if (infer >= 0) throw new ShapeError('reshape', `only one dimension can be -1, got ${fmtShape(dims)}`, [a.shape, dims]);
      infer = i;
    } else if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ShapeError('reshape', `dimensions must be non-negative integers or -1, got ${fmtShape(dims)}`, [a.shape, dims]);
    } else {
      known *= d;
    }
  }
  const shape = dims.slice();
  if (infer >= 0) {
    if (known === 0 || a.size % known !== 0) {
      throw new ShapeError('reshape', `cannot reshape ${fmtShape(a.shape)} (${a.size} elements) into ${fmtShape(dims)}`, [a.shape, dims]);
    }
    shape[infer] = a.size / known;
  } else if (known !== a.size) {
    throw new ShapeError('reshape', `cannot reshape ${fmtShape(a.shape)} (${a.size} elements) into ${fmtShape(dims)} (${known} elements)`, [a.shape, dims]);
  }
  const n = a.size;
  return record('reshape', a.data, shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i];
  });
}
