// Integer arguments that pick elements (take's indices, takeAlongAxis's indices,
// oneHot's labels), checked once and turned into an Int32Array the kernels can trust.
// Not a hot loop: it runs once per call over the (usually small) index array, so it
// reads any array-like without a per-dtype twin.
import { checkSize } from '../../alloc';
import { describeArg, fmtShape } from '../../errors';
import { isMLArray } from '../../mlarray';
import { sizeOf } from '../../shape';
import { take64 } from '../../pool';

/** An index argument as values plus the shape they came in (1-D for a plain array). */
export interface IndexSource {
  values: ArrayLike<number>;
  shape: readonly number[];
}

/**
 * Reads an index argument: an MLArray (its values and shape) or a flat array-like of
 * numbers (shape `[length]`). Anything else, or a non-number element, is a TypeError.
 */
export function indexSource(op: string, name: string, x: unknown): IndexSource {
  if (isMLArray(x)) return { values: x.data, shape: x.shape };
  if (ArrayBuffer.isView(x)) {
    if (x instanceof DataView || x instanceof BigInt64Array || x instanceof BigUint64Array) {
      throw new TypeError(`${op}: ${name} must be an MLArray or an array of integers, got ${describeArg(x)}`);
    }
    const view = x as unknown as ArrayLike<number>;
    return { values: view, shape: [view.length] };
  }
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      if (typeof v !== 'number') {
        const hint = Array.isArray(v) ? ' (nested indices go in an MLArray: new MLArray([[0, 1], [1, 2]]))' : '';
        throw new TypeError(`${op}: ${name}[${i}] is ${describeArg(v)}, expected an integer${hint}`);
      }
    }
    return { values: x as number[], shape: [x.length] };
  }
  throw new TypeError(`${op}: ${name} must be an MLArray or an array of integers, got ${describeArg(x)}`);
}

/** `[1, 0]` for flat position 2 of shape [2, 2]; a plain `3` for 1-D (and 0-d) sources. */
export function positionOf(flat: number, shape: readonly number[]): string {
  if (shape.length <= 1) return String(flat);
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return fmtShape(idx);
}

/**
 * Every value of `src` as an index into an axis of length `n`, negatives counted from
 * the end (numpy's rule: [-n, n) is valid). `what` names the axis in messages. A
 * fractional, NaN, infinite or out-of-range value is a RangeError naming the value
 * and its position.
 */
export function normalizeIndices(op: string, src: IndexSource, n: number, what: string, allowNegative = true): Int32Array {
  const { values, shape } = src;
  const m = values.length;
  const out = new Int32Array(m);
  const lo = allowNegative ? -n : 0;
  for (let i = 0; i < m; i++) {
    const v = values[i];
    if (Number.isInteger(v) && v >= lo && v < n) {
      out[i] = v < 0 ? v + n : v;
      continue;
    }
    const where = `${op}: index ${String(v)} at position ${positionOf(i, shape)}`;
    if (!Number.isInteger(v)) throw new RangeError(`${where} is not an integer`);
    const range = n === 0 ? 'none: the axis is empty' : `an integer in [${lo}, ${n - 1}]`;
    throw new RangeError(`${where} is out of range for ${what} of length ${n}; expected ${range}`);
  }
  return out;
}

/**
 * A zeroed float64 buffer for index results (argmin/argmax): indices are float64 whatever
 * the input's dtype, exact up to 2^53. Lives here, outside the `*.f64.ts` kernels, so the
 * float32 twins keep float64 indices.
 */
export function indexBuffer(op: string, shape: readonly number[]): Float64Array {
  const n = sizeOf(shape);
  checkSize(op, n, shape, 'float64');
  return take64(n);
}
