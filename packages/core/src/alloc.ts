import { type DType, type FloatArray, bytesPerElement, checkDType } from './dtype';
import { take32, take64 } from './pool';
import { fmtShape } from './errors';

// Every buffer an op returns or accumulates a gradient into comes from here, so that
// the element cap (and, later, a pool) is one rule in one place.

const CAP_KEY = Symbol.for('smolml.elementCap');
type Holder = { [CAP_KEY]?: { value: number } };

/** The default element cap: 2^28 elements (2 GiB of float64, 1 GiB of float32). */
export const DEFAULT_ELEMENT_CAP = 2 ** 28;

function capState(): { value: number } {
  const g = globalThis as Holder;
  return (g[CAP_KEY] ??= { value: DEFAULT_ELEMENT_CAP });
}

/**
 * The largest number of elements any single array (an op's output, a gradient, a
 * creation) may have; larger requests are a RangeError naming the op, shape and bytes,
 * raised before anything is allocated. V8 allocates big typed arrays lazily, and the
 * operating system may kill the process when their pages are first touched, so a
 * clear early error beats a late crash.
 */
export function elementCap(): number {
  return capState().value;
}

/**
 * Sets {@link elementCap} (a positive safe integer). Shared by every loaded copy of core.
 *
 * @example setElementCap(2 ** 30); // allow 8 GiB float64 arrays
 */
export function setElementCap(n: number): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`setElementCap: expected a positive safe integer, got ${String(n)}`);
  }
  capState().value = n;
}

/** Throws the cap's RangeError unless `size` elements of `dtype` are allowed. */
export function checkSize(op: string, size: number, shape: readonly number[], dtype: DType): void {
  const cap = capState().value;
  if (!(size <= cap)) {
    const bytes = size * bytesPerElement(dtype);
    throw new RangeError(`${op}: the result of shape ${fmtShape(shape)} would hold ${size} elements (${bytes} bytes of ${dtype}), over the element cap of ${cap}; see setElementCap`);
  }
}

/** A zeroed buffer of `length` elements of `dtype`. `length` must already be checked against the cap. */
export function alloc(dtype: DType, length: number): FloatArray {
  return dtype === 'float32' ? take32(length) : take64(length);
}

/**
 * A zeroed buffer of `length` elements of `dtype` from core's allocator (the element
 * cap is checked, and the buffer may come from the pool that `dispose` and `tidy`
 * return buffers to). Siblings and custom ops take their output buffers from here so
 * that released arrays' memory is reused.
 *
 * @example const out = allocate('float32', x.size);
 */
export function allocate(dtype: DType, length: number): FloatArray {
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`allocate: length must be a non-negative safe integer, got ${String(length)}`);
  }
  checkSize('allocate', length, [length], checkDType('allocate', dtype));
  return alloc(dtype, length);
}
