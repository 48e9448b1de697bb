// An MLArray as plain JSON: what `a.toJSON()` writes and `MLArray.fromJSON(json)` reads.
import { MLARRAY_BRAND, hasBrand } from './brand';
import { type JsonNumber, decodeNumbers, encodeNumbers } from './codec';
import { type DType, checkDType } from './dtype';
import { ShapeError, describeArg, fmtShape } from './errors';
import { MLArray } from './mlarray';
import { MAX_DIMS } from './shape';


/**
 * The JSON form of an {@link MLArray}: its dtype, its shape and its elements in row-major
 * order, each element a {@link JsonNumber} (finite values as numbers; NaN, ±Infinity and
 * -0 as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`), the same codec the
 * optimizers' `stateDict()` uses. No gradient and no graph: it is data.
 *
 * @example
 * { dtype: 'float32', shape: [2], data: [0.5, 'NaN'] }
 */
export interface MLArrayJSON {
  dtype: DType;
  shape: number[];
  data: JsonNumber[];
}

/**
 * `a` as {@link MLArrayJSON}: `{ dtype, shape, data: encodeNumbers(a.data) }`. A float32
 * element is written as the double it holds, so it reads back to the same float32.
 * `JSON.stringify(a)` calls this through `a.toJSON()`.
 *
 * @example
 * arrayToJSON(MLArray.from([1, -0, Infinity], [3])); // { dtype: 'float64', shape: [3], data: [1, '-0', 'Infinity'] }
 */
export function arrayToJSON(a: MLArray): MLArrayJSON {
  const op = 'MLArray.toJSON';
  if (!hasBrand(a, MLARRAY_BRAND)) throw new TypeError(`${op}: expected an MLArray, got ${describeArg(a)}`);
  const shape = Array.from(a.shape);
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i];
  if (a.data.length !== size) {
    // A disposed array (zero-length data) or a forged one would otherwise write JSON that cannot be read back.
    throw new RangeError(`${op}: the array of shape ${fmtShape(shape)} holds ${a.data.length} elements instead of ${size} (disposed?)`);
  }
  return { dtype: a.dtype, shape, data: encodeNumbers(a.data) };
}

/**
 * Reads {@link MLArrayJSON} (an object or its `JSON.parse`d text) back into a new
 * MLArray with `requiresGrad: false`, the same dtype, shape and elements (NaN, ±Infinity
 * and -0 included). Extra fields are ignored. A malformed object is an error naming the
 * field: not an object, a dtype that is not `'float64'`/`'float32'`, a shape that is not
 * an array of numbers, or data that is not an array of {@link JsonNumber}s is a
 * TypeError; a shape entry that is not a non-negative safe integer, or more than 64
 * dimensions, is a RangeError; data whose length is not the shape's size is a ShapeError.
 *
 * @example
 * arrayFromJSON({ dtype: 'float32', shape: [2, 1], data: [0.5, '-Infinity'] }).toList(); // [[0.5], [-Infinity]]
 */
export function arrayFromJSON(json: MLArrayJSON): MLArray {
  const op = 'MLArray.fromJSON';
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError(`${op}: expected an object { dtype, shape, data }, got ${describeArg(json)}`);
  }
  const j = json as unknown as Record<string, unknown>;
  if (!('dtype' in j)) throw new TypeError(`${op}: the field "dtype" is missing`);
  const dtype = checkDType(`${op}: field "dtype"`, j.dtype);
  const shape = readShape(op, j.shape);
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i];
  const raw = j.data;
  if (!Array.isArray(raw)) throw new TypeError(`${op}: field "data" must be an array of numbers, got ${describeArg(raw)}`);
  if (raw.length !== size) {
    throw new ShapeError(op, `field "data" holds ${raw.length} values but field "shape" ${fmtShape(shape)} needs ${size}`, [shape]);
  }
  const data = decodeNumbers(raw, dtype, `${op}: field "data"`);
  return MLArray.from(data, shape, { dtype, requiresGrad: false });
}

function readShape(op: string, shape: unknown): number[] {
  if (!Array.isArray(shape)) throw new TypeError(`${op}: field "shape" must be an array of integers, got ${describeArg(shape)}`);
  if (shape.length > MAX_DIMS) throw new RangeError(`${op}: field "shape" has ${shape.length} dimensions, more than the ${MAX_DIMS} allowed`);
  const out = new Array<number>(shape.length);
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (typeof d !== 'number') throw new TypeError(`${op}: field "shape"[${i}] must be a number, got ${describeArg(d)}`);
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`${op}: field "shape"[${i}] must be a non-negative integer, got ${d}`);
    out[i] = d + 0; // -0 → 0
  }
  return out;
}
