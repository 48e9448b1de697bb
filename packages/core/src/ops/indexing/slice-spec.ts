// numpy's basic indexing, spelled as jax-js spells it, turned into a strided walk: the
// output shape, the flat offset of its first element in the source, and for every
// output axis the source stride (0 for an inserted axis). The kernels in slice.f64.ts
// only follow that walk; every rule about specs lives here.
import { describeArg, fmtShape } from '../../errors';
import { checkDims, stridesOf } from '../../shape';

/**
 * One entry of {@link MLArray.slice}, for one axis (numpy basic indexing):
 * - a number picks one index and drops the axis (negative counts from the end);
 * - `[]` keeps the whole axis (Python's `:`); `[start]`, `[start, stop]` and
 *   `[start, stop, step]` are Python's slice, `null` entries taking the defaults;
 * - `null` inserts a new axis of length 1 (`np.newaxis`).
 *
 * @example x.slice([], [0, 3])     // x[:, 0:3]
 * @example x.slice([null, null, -1]) // x[::-1]
 * @example x.slice(0, null)        // x[0, None]
 */
export type SliceSpec = number | null | readonly [start?: number | null, stop?: number | null, step?: number | null];

/** The strided walk a list of specs describes over a source of some shape. */
export interface SlicePlan {
  /** Output shape. */
  shape: number[];
  /** Flat index of the output's first element in the source. */
  offset: number;
  /** For every output axis, how far one step along it moves in the source (0 for a new axis). */
  strides: number[];
}

function bound(op: string, pos: number, name: string, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number') throw new TypeError(`${op}: the ${name} of spec ${pos} must be an integer or null, got ${describeArg(v)}`);
  // Python's slice takes any integer and clamps; a fraction, NaN or ±Infinity is a mistake.
  if (!Number.isInteger(v)) throw new RangeError(`${op}: the ${name} of spec ${pos} must be an integer or null, got ${String(v)}`);
  return v;
}

/**
 * Python's `slice(start, stop, step).indices(n)` (CPython's PySlice_AdjustIndices):
 * `[first, count]` for an axis of length `n`. Bounds clamp instead of failing.
 */
export function sliceIndices(n: number, startIn: number | null, stopIn: number | null, step: number): [number, number] {
  let start: number, stop: number;
  if (startIn === null) start = step < 0 ? n - 1 : 0;
  else if (startIn < 0) start = Math.max(startIn + n, step < 0 ? -1 : 0);
  else start = Math.min(startIn, step < 0 ? n - 1 : n);
  if (stopIn === null) stop = step < 0 ? -1 : n;
  else if (stopIn < 0) stop = Math.max(stopIn + n, step < 0 ? -1 : 0);
  else stop = Math.min(stopIn, step < 0 ? n - 1 : n);
  let count = 0;
  if (step < 0) {
    if (stop < start) count = Math.floor((start - stop - 1) / -step) + 1;
  } else if (start < stop) {
    count = Math.floor((stop - start - 1) / step) + 1;
  }
  return [start, count];
}

/** Checks `specs` against `shape` and plans the walk, or throws naming `op` and the spec. */
export function planSlice(op: string, shape: readonly number[], specs: readonly unknown[]): SlicePlan {
  const src = stridesOf(shape);
  const outShape: number[] = [], strides: number[] = [];
  let offset = 0, d = 0;
  for (let p = 0; p < specs.length; p++) {
    const s = specs[p];
    if (s === null) {
      outShape.push(1);
      strides.push(0);
      continue;
    }
    if (typeof s !== 'number' && !Array.isArray(s)) {
      throw new TypeError(`${op}: spec ${p} must be an integer, null or [start, stop, step], got ${describeArg(s)}`);
    }
    if (d >= shape.length) {
      throw new RangeError(`${op}: too many indices for an array of shape ${fmtShape(shape)}: spec ${p} would index axis ${d}, but there are ${shape.length}`);
    }
    const n = shape[d];
    if (typeof s === 'number') {
      if (!Number.isInteger(s)) throw new RangeError(`${op}: index ${String(s)} at position ${p} is not an integer`);
      if (s < -n || s >= n) {
        const range = n === 0 ? 'none: the axis is empty' : `an integer in [${-n}, ${n - 1}]`;
        throw new RangeError(`${op}: index ${s} at position ${p} is out of range for axis ${d} of length ${n}; expected ${range}`);
      }
      offset += (s < 0 ? s + n : s) * src[d];
      d++;
      continue;
    }
    const t = s as readonly unknown[];
    if (t.length > 3) throw new TypeError(`${op}: spec ${p} must be [start, stop, step] with at most 3 entries, got ${t.length}`);
    const start = bound(op, p, 'start', t[0]);
    const stop = bound(op, p, 'stop', t[1]);
    const step = bound(op, p, 'step', t[2]) ?? 1;
    if (step === 0) throw new RangeError(`${op}: the step of spec ${p} must not be zero`);
    const [first, count] = sliceIndices(n, start, stop, step);
    // An empty result reads nothing, so its (possibly clamped-out) start must not move the offset.
    if (count > 0) offset += first * src[d];
    outShape.push(count);
    strides.push(step * src[d]);
    d++;
  }
  for (; d < shape.length; d++) {
    outShape.push(shape[d]);
    strides.push(src[d]);
  }
  checkDims(op, outShape.length);
  return { shape: outShape, offset, strides };
}
