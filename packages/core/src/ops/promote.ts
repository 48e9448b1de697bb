import type { DType } from '../dtype';
import { describeArg } from '../errors';
import { MLArray } from '../mlarray';

/** Rejects an operand that is neither an MLArray nor a number, naming the op. */
export function checkOperand(op: string, b: unknown): asserts b is MLArray | number {
  if (typeof b !== 'number' && !(b instanceof MLArray)) {
    const hint = Array.isArray(b) ? ' (wrap it: new MLArray(...))' : '';
    throw new TypeError(`${op}: expected an MLArray or a number, got ${describeArg(b)}${hint}`);
  }
}

/**
 * PyTorch's `result_type` among the floating dtypes: operands with at least one
 * dimension decide (float32 with float64 gives float64); 0-d arrays count only when no
 * operand has a dimension. (JS numbers never count: they take the arrays' dtype.)
 */
export function resultType(arrays: readonly MLArray[]): DType {
  let dimmed: DType | null = null, scalar: DType | null = null;
  for (const x of arrays) {
    if (x.ndim > 0) dimmed = dimmed === 'float64' || x.dtype === 'float64' ? 'float64' : 'float32';
    else scalar = scalar === 'float64' || x.dtype === 'float64' ? 'float64' : 'float32';
  }
  return dimmed ?? scalar ?? 'float64';
}

/** Both operands in their result dtype (a differentiable cast where one differs). */
export function promotePair(op: string, a: MLArray, b: MLArray | number): [MLArray, MLArray | number] {
  checkOperand(op, b);
  if (typeof b === 'number' || a.dtype === b.dtype) return [a, b];
  const t = resultType([a, b]);
  return [a.astype(t), b.astype(t)];
}
