import { type DType, type FloatArray, checkDType } from './dtype';
import { describeArg } from './errors';

/**
 * A float as it travels through JSON. Finite numbers are plain JSON numbers, which
 * `JSON.stringify` writes with enough digits to read back the identical double; the
 * values JSON cannot hold (NaN, ±Infinity, and the sign of -0) travel as strings.
 */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/**
 * `data` as JSON-safe numbers: finite values as numbers, NaN, ±Infinity and -0 as strings.
 *
 * @example
 * encodeNumbers(new Float64Array([1.5, NaN, -0])); // [1.5, 'NaN', '-0']
 */
export function encodeNumbers(data: ArrayLike<number>): JsonNumber[] {
  if (data === null || typeof data !== 'object' || typeof (data as { length?: unknown }).length !== 'number') {
    throw new TypeError(`encodeNumbers: expected an array or typed array of numbers, got ${describeArg(data)}`);
  }
  const n = data.length;
  const out = new Array<JsonNumber>(n);
  for (let i = 0; i < n; i++) {
    const x = data[i];
    if (typeof x !== 'number') throw new TypeError(`encodeNumbers: element ${i} is ${describeArg(x)}, expected a number`);
    if (Number.isFinite(x)) out[i] = x === 0 && 1 / x < 0 ? '-0' : x;
    else out[i] = Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
  }
  return out;
}

const TOKENS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/**
 * Reads numbers written by {@link encodeNumbers} back into a typed array of `dtype`
 * (float32 rounds each value once). Anything that is not such a number is a TypeError
 * naming `where` and the position.
 *
 * @example
 * decodeNumbers([1.5, 'NaN', '-0'], 'float64'); // Float64Array [1.5, NaN, -0]
 */
export function decodeNumbers(json: unknown, dtype: DType = 'float64', where = 'decodeNumbers'): FloatArray {
  checkDType(where, dtype);
  if (!Array.isArray(json)) throw new TypeError(`${where}: expected an array of numbers, got ${describeArg(json)}`);
  const n = json.length;
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v: unknown = json[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(TOKENS, v)) out[i] = TOKENS[v];
    else throw new TypeError(`${where}[${i}]: expected a number or one of "NaN", "Infinity", "-Infinity", "-0", got ${typeof v === 'string' ? JSON.stringify(v) : describeArg(v)}`);
  }
  return out;
}
