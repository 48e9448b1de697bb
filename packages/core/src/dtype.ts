import { describeArg } from './errors';

/** The floating-point element types an {@link MLArray} can hold. `'float64'` is the default. */
export type DType = 'float64' | 'float32';

/**
 * The storage of an array: `Float64Array` for float64, `Float32Array` for float32.
 * Written without type arguments so consumers on older TypeScript still compile.
 */
export type FloatArray = Float64Array | Float32Array;

// The default lives on globalThis (like the default Rng) so a CommonJS and an ESM copy
// of core agree on it.
const KEY = Symbol.for('smolml.defaultDType');
type Holder = { [KEY]?: { value: DType } };

function state(): { value: DType } {
  const g = globalThis as Holder;
  return (g[KEY] ??= { value: 'float64' });
}

/**
 * `d` as a DType, or a TypeError naming `op` unless it is `'float64'` or `'float32'`: the
 * check every package applies to a `dtype` option.
 *
 * @example checkDType('zeros', options.dtype ?? defaultDType())
 */
export function checkDType(op: string, d: unknown): DType {
  if (d !== 'float64' && d !== 'float32') {
    throw new TypeError(`${op}: dtype must be 'float64' or 'float32', got ${typeof d === 'string' ? JSON.stringify(d) : describeArg(d)}`);
  }
  return d;
}

/** The dtype that creation functions use when no `dtype` option (and no typed input) says otherwise. */
export function defaultDType(): DType {
  return state().value;
}

/**
 * Sets the dtype that creation functions use by default (`'float64'` at start). Typed
 * float inputs keep their own type whatever the default.
 *
 * @example
 * setDefaultDType('float32');
 * zeros(2).dtype; // 'float32'
 */
export function setDefaultDType(d: DType): void {
  state().value = checkDType('setDefaultDType', d);
}

/** The dtype of a typed float array, or null for anything else. */
export function dtypeOfStorage(x: unknown): DType | null {
  if (x instanceof Float64Array) return 'float64';
  if (x instanceof Float32Array) return 'float32';
  return null;
}

/** Bytes per element of `d`. */
export function bytesPerElement(d: DType): number {
  return d === 'float32' ? 4 : 8;
}
