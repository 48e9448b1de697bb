import type { DType, MLArray } from '@smolml/core';

/**
 * @internal The dtype of an array's storage, read from the storage itself (a
 * `Float32Array` is float32, a `Float64Array` float64): what its bytes are.
 *
 * @example dtypeOf(zeros([2], { dtype: 'float32' })); // 'float32'
 */
export function dtypeOf(a: MLArray): DType {
  return a.data instanceof Float32Array ? 'float32' : 'float64';
}
