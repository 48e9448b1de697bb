import { take64 } from '../pool';
// Accumulators for reductions. Both dtypes sum in double and round once on store, so a
// float32 sum is at least as exact as PyTorch's float32 one.

/** A zeroed double-precision accumulator of `n` elements. */
export function accumulator(n: number): Float64Array {
  return take64(n);
}
