import { type DType, MLArray, describeArg } from '@smolml/core';
import { Ledger } from './ledger';
import { type SizeOptions, layoutOf } from './layout';
import { dtypeOf } from './dtype-of';

/** An MLArray's bytes, split into exact typed storage and modelled overhead. */
export interface MLArraySize {
  /** The values: `data.BYTES_PER_ELEMENT` × size (8 for float64, 4 for float32), exact. */
  data: number;
  /** The gradient buffer (in the array's dtype) once allocated, else 0. Exact. */
  grad: number;
  /** The array object, its shape, its parents list, the typed-array and ArrayBuffer objects (modelled). */
  overhead: number;
  /** `data + grad + overhead`. */
  total: number;
  /** The element type of the storage counted in `data` and `grad`. */
  dtype: DType;
}

function check(fn: string, a: unknown): asserts a is MLArray {
  if (!(a instanceof MLArray)) {
    throw new TypeError(`${fn}: expected an MLArray, got ${describeArg(a)}`);
  }
}

/**
 * The bytes of one MLArray, split into its parts. The values are stored in one typed
 * array, so `data` is exactly `BYTES_PER_ELEMENT` × `size` (8 bytes an element for
 * float64, 4 for float32); `grad` is the same once a backward pass has reached the
 * array (core allocates gradients lazily, in the array's dtype). `overhead` is the
 * modelled cost of the objects around them. The graph the array came from is not
 * included: see {@link calculateGraphSize}.
 *
 * @example
 * calculateMLArrayBreakdown(zeros(10, 10));
 * // { data: 800, grad: 0, overhead: 368, total: 1168, dtype: 'float64' } on 64-bit Node
 * calculateMLArrayBreakdown(zeros([10, 10], { dtype: 'float32' })).data; // 400
 */
export function calculateMLArrayBreakdown(a: MLArray, options?: SizeOptions): MLArraySize {
  const FN = 'calculateMLArrayBreakdown';
  check(FN, a);
  const bytes = new Ledger(layoutOf(FN, options), FN).mlarray(a);
  return { ...bytes, total: bytes.data + bytes.grad + bytes.overhead, dtype: dtypeOf(a) };
}

/**
 * The bytes of one MLArray: data buffer + gradient buffer (both exact,
 * `BYTES_PER_ELEMENT` per element: 8 for float64, 4 for float32) + object overhead
 * (modelled).
 *
 * @example
 * calculateMLArraySize(zeros(100)); // 800 bytes of values + 360 bytes of objects = 1160 on 64-bit Node
 */
export function calculateMLArraySize(a: MLArray, options?: SizeOptions): number {
  const FN = 'calculateMLArraySize';
  check(FN, a);
  const b = new Ledger(layoutOf(FN, options), FN).mlarray(a);
  return b.data + b.grad + b.overhead;
}
