import { ShapeError, describeArg, fmtShape } from './errors';

/** Number of elements of a shape (1 for the 0-d shape `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** At most this many dimensions anywhere (numpy's limit). */
export const MAX_DIMS = 64;

/** Throws a RangeError naming `op` when `ndim` exceeds {@link MAX_DIMS}. */
export function checkDims(op: string, ndim: number): void {
  if (ndim > MAX_DIMS) throw new RangeError(`${op}: ${ndim} dimensions is more than the ${MAX_DIMS} an array may have (numpy's limit)`);
}

/** Checks that the shape is an array of at most 64 non-negative integers. */
export function checkShape(op: string, shape: readonly number[]): void {
  if (!Array.isArray(shape)) {
    throw new TypeError(`${op}: the shape must be an array of dimensions like [2, 3], got ${describeArg(shape)}`);
  }
  checkDims(op, shape.length);
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (typeof d !== 'number') throw new TypeError(`${op}: dimension ${i} of the shape is ${describeArg(d)}, expected a non-negative integer`);
    if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`${op}: dimensions must be non-negative integers, got ${d} at position ${i}`);
    }
  }
}

/** The numpy broadcast of two shapes, or a ShapeError naming both. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  checkDims(op, n);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(op, `shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together`, [a, b]);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Maps a possibly negative axis into [0, ndim), or throws a RangeError. */
export function normalizeAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    const range = ndim === 0 ? 'none (the array is 0-d)' : `[${-ndim}, ${ndim - 1}]`;
    throw new RangeError(`${op}: axis ${typeof axis === 'number' ? axis : JSON.stringify(axis)} is out of range for an array with ${ndim} dimension(s); expected an integer in ${range}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

// Strides of `shape` seen from `outShape` (right-aligned), with 0 on broadcast dims.
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const off = outShape.length - shape.length;
  const s = new Array<number>(outShape.length).fill(0);
  for (let i = 0; i < shape.length; i++) if (shape[i] !== 1) s[i + off] = own[i];
  return s;
}

/**
 * For every element of `outShape` (row-major), the flat index `Σ counterᵢ · strides[i]`
 * of its source: the one walk behind broadcasting (strides 0 on stretched dims) and
 * transposition (permuted strides).
 */
export function stridedIndex(outShape: readonly number[], strides: readonly number[]): Int32Array {
  const size = sizeOf(outShape);
  const idx = new Int32Array(size);
  const nd = outShape.length;
  if (size === 0) return idx;
  if (nd === 0) return idx; // the one element of a 0-d array is at 0
  const counter = new Array<number>(nd).fill(0);
  const last = nd - 1;
  const lastLen = outShape[last];
  const lastStride = strides[last];
  let base = 0;
  for (let i = 0; i < size; ) {
    for (let j = 0; j < lastLen; j++) idx[i++] = base + j * lastStride;
    // Carry the counter over the outer dimensions.
    for (let d = last - 1; d >= 0; d--) {
      counter[d]++;
      base += strides[d];
      if (counter[d] < outShape[d]) break;
      base -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return idx;
}

/**
 * For every element of `outShape` (row-major), the flat index of the element of an
 * array of shape `shape` that broadcasts onto it.
 */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[]): Int32Array {
  return stridedIndex(outShape, broadcastStrides(shape, outShape));
}


