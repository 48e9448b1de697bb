import { type MLArray, isMLArray } from '../../mlarray';
import { ShapeError, describeArg, fmtShape } from '../../errors';
import { sameShape } from '../../shape';

// The one in-place write core offers: a checkpoint load into an existing parameter,
// so everything keyed by that array (an optimizer's moments, a scheduler) survives.
// `TypedArray.set` casts (rounding into float32) in one native pass; a plain array is
// checked whole before the first write, so a bad element leaves the target untouched.

/**
 * Copies `source` into `target.data` (same shape; a flat array-like needs `target.size`
 * numbers), cast to target's dtype. Not recorded; the gradient buffer is left as it is.
 */
export function assign(target: MLArray, source: MLArray | ArrayLike<number>): void {
  if (target._backward !== null) {
    throw new Error(`assign: the target was computed by '${target._op}', not a leaf; assign into the parameter itself (or restart() it first), as backward would read the overwritten values`);
  }
  const dst = target.data;
  if (isMLArray(source)) {
    if (!sameShape(source.shape, target.shape)) {
      throw new ShapeError('assign', `source of shape ${fmtShape(source.shape)} does not match the target's shape ${fmtShape(target.shape)}`, [target.shape, source.shape]);
    }
    dst.set(source.data);
    return;
  }
  if (ArrayBuffer.isView(source)) {
    if (source instanceof DataView || source instanceof BigInt64Array || source instanceof BigUint64Array) {
      throw new TypeError(`assign: source must be an MLArray or an array of numbers, got ${describeArg(source)}`);
    }
  } else if (Array.isArray(source)) {
    for (let i = 0; i < source.length; i++) {
      const v: unknown = source[i];
      if (typeof v !== 'number') throw new TypeError(`assign: source[${i}] is ${describeArg(v)}, expected a number`);
    }
  } else {
    throw new TypeError(`assign: source must be an MLArray or an array of numbers, got ${describeArg(source)}`);
  }
  const view = source as ArrayLike<number>;
  if (view.length !== target.size) {
    throw new ShapeError('assign', `${view.length} values cannot fill the target's shape ${fmtShape(target.shape)} (${target.size} elements)`, [target.shape, [view.length]]);
  }
  dst.set(view);
}
