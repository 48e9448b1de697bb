import { ShapeError, describeArg, fmtShape } from './errors';
import { type FloatArray, dtypeOfStorage } from './dtype';
import { checkSize } from './alloc';
import { MLArray, type SavedBuffers, gradOf, record } from './mlarray';
import { checkShape, sizeOf } from './shape';

/**
 * Receives the gradient of the op's output and adds each input's share into
 * `inputGrads[i]` (a buffer shaped like input i, in that input's dtype, or `null` when
 * that input needs no gradient). It must accumulate (`+=`), never overwrite.
 */
export type CustomBackward = (grad: FloatArray, inputGrads: readonly (FloatArray | null)[]) => void;

/** Options of {@link customOp}. */
export interface CustomOpOptions {
  /**
   * The typed arrays the backward rule keeps alive beyond the inputs and the output
   * (a softmax's probabilities, a fused loss's exponentials). Declaring them is what lets
   * `@smolml/memory` count the graph exactly.
   */
  saved?: readonly ArrayBufferView[];
}

/**
 * Defines a fused op from its forward values and a backward rule, for sibling
 * packages and users who need an op core does not have or a numerically stable fused
 * form (a log-sum-exp, a softplus). The result joins the graph like any core op, and
 * its dtype is the dtype of `data` (a `Float64Array` or a `Float32Array`).
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
  data: FloatArray,
  shape: readonly number[],
  backward: CustomBackward,
  options: CustomOpOptions = {},
): MLArray {
  if (typeof name !== 'string') throw new TypeError(`customOp: the name must be a string, got ${describeArg(name)}`);
  if (!Array.isArray(inputs)) throw new TypeError(`${name}: customOp's inputs must be an array of MLArrays, got ${describeArg(inputs)}`);
  for (let i = 0; i < inputs.length; i++) {
    if (!(inputs[i] instanceof MLArray)) throw new TypeError(`${name}: customOp's inputs[${i}] is ${describeArg(inputs[i])}, expected an MLArray`);
  }
  if (dtypeOfStorage(data) === null) {
    throw new TypeError(`${name}: customOp's data must be a Float64Array or a Float32Array, got ${describeArg(data)}`);
  }
  if (typeof backward !== 'function') throw new TypeError(`${name}: customOp's backward must be a function, got ${describeArg(backward)}`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${name}: customOp's options must be an object, got ${describeArg(options)}`);
  checkShape(name, shape);
  const size = sizeOf(shape);
  checkSize(name, size, shape, dtypeOfStorage(data)!);
  if (size !== data.length) {
    throw new ShapeError(name, `${data.length} output values do not fill shape ${fmtShape(shape)}`, [shape]);
  }
  const saved: SavedBuffers = options.saved === undefined ? [] : options.saved;
  if (!Array.isArray(saved) || !saved.every((b) => ArrayBuffer.isView(b))) {
    throw new TypeError(`${name}: customOp's saved option must be an array of typed arrays, got ${describeArg(saved)}`);
  }
  const parents = inputs.slice();
  return record(name, data as Float64Array, shape.slice(), parents, (g) => {
    backward(g, parents.map((p) => gradOf(p)));
  }, saved.slice());
}
