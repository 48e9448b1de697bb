import { MLArray } from '@smolml/core';
import { Ledger } from './ledger';
import { type SizeOptions, layoutOf } from './layout';

/** An MLArray's bytes, split into exact typed storage and modelled overhead. */
export interface MLArraySize {
  /** The values: 8 × size, exact. */
  data: number;
  /** The gradient buffer: 8 × size once allocated, else 0. Exact. */
  grad: number;
  /** The array object, its shape, its parents list, the typed-array and ArrayBuffer objects (modelled). */
  overhead: number;
  /** `data + grad + overhead`. */
  total: number;
}

function check(fn: string, a: unknown): asserts a is MLArray {
  if (!(a instanceof MLArray)) {
    throw new TypeError(`${fn}: expected an MLArray, got ${a === null ? 'null' : Array.isArray(a) ? 'an array' : typeof a}`);
  }
}

/**
 * The bytes of one MLArray, split into its parts. The values are stored in one
 * `Float64Array`, so `data` is exactly 8 × `size`; `grad` is the same once a backward
 * pass has reached the array (core allocates gradients lazily). `overhead` is the
 * modelled cost of the objects around them. The graph the array came from is not
 * included: see {@link calculateGraphSize}.
 *
 * @example
 * const a = zeros(10, 10);
 * calculateMLArrayBreakdown(a); // { data: 800, grad: 0, overhead: 376, total: 1176 } on 64-bit Node
 */
export function calculateMLArrayBreakdown(a: MLArray, options?: SizeOptions): MLArraySize {
  check('calculateMLArrayBreakdown', a);
  const bytes = new Ledger(layoutOf(options)).mlarray(a);
  return { ...bytes, total: bytes.data + bytes.grad + bytes.overhead };
}

/**
 * The bytes of one MLArray: data buffer + gradient buffer (both exact, 8 bytes per
 * element) + object overhead (modelled).
 *
 * @example
 * calculateMLArraySize(zeros(100)); // 800 bytes of values + 376 bytes of objects = 1176 on 64-bit Node
 */
export function calculateMLArraySize(a: MLArray, options?: SizeOptions): number {
  check('calculateMLArraySize', a);
  const b = new Ledger(layoutOf(options)).mlarray(a);
  return b.data + b.grad + b.overhead;
}
