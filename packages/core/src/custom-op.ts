import { ShapeError, fmtShape } from './errors';
import { type MLArray, gradOf, record } from './mlarray';
import { checkShape, sizeOf } from './shape';

/**
 * Receives the gradient of the op's output and adds each input's share into
 * `inputGrads[i]` (a buffer shaped like input i, or `null` when that input needs no
 * gradient). It must accumulate (`+=`), never overwrite.
 */
export type CustomBackward = (grad: Float64Array, inputGrads: readonly (Float64Array | null)[]) => void;

/**
 * Defines a fused op from its forward values and a backward rule, for sibling
 * packages and users who need an op core does not have or a numerically stable fused
 * form (a log-sum-exp, a softplus). The result joins the graph like any core op.
 *
 * @example
 * // square(x) = x², d/dx = 2x
 * const y = customOp('square', [x], x.data.map((v) => v * v), x.shape, (g, [gx]) => {
 *   if (gx) for (let i = 0; i < g.length; i++) gx[i] += 2 * x.data[i] * g[i];
 * });
 */
export function customOp(
  name: string,
  inputs: readonly MLArray[],
  data: Float64Array,
  shape: readonly number[],
  backward: CustomBackward,
): MLArray {
  checkShape(name, shape);
  if (sizeOf(shape) !== data.length) {
    throw new ShapeError(name, `${data.length} output values do not fill shape ${fmtShape(shape)}`, [shape]);
  }
  const parents = inputs.slice();
  return record(name, data, shape, parents, (g) => {
    backward(g, parents.map((p) => gradOf(p)));
  });
}
