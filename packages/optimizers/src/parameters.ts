// Reading the `params` argument: an iterable of MLArrays, each checked at the door,
// because an object carrying core's brand is trusted by `instanceof` alone and a forged
// `data` (a plain array, a short buffer) would otherwise be written through silently.
import { type DType, type FloatArray, MLArray, describeArg, formatShape } from '@smolml/core';
import { show } from './check';

/**
 * The most parameters one call takes. An infinite iterable (a generator that never
 * ends) is a RangeError at this count instead of a hang.
 */
export const MAX_PARAMS = 1_000_000;

/** numpy's limit, which core enforces too. */
const MAX_DIMS = 64;

/**
 * The elements of `params` as a list, or a TypeError naming `op` (a single array gets a
 * hint: `opt.step(w)` is an easy slip). Iterates by hand so that a broken iterator is
 * a TypeError naming `op`, not "undefined is not a function".
 */
export function paramList(op: string, params: unknown): unknown[] {
  if (Array.isArray(params)) {
    if (params.length > MAX_PARAMS) throw new RangeError(`${op}: at most ${MAX_PARAMS} parameters per call, got ${params.length}`);
    return params.slice();
  }
  // One array is refused even though it iterates (over its rows), as PyTorch refuses a tensor.
  if (params instanceof MLArray) throw new TypeError(`${op}: expected an iterable of MLArrays (wrap a single array in a list: [w]), got an MLArray`);
  const iter = typeof params === 'object' && params !== null ? (params as { [Symbol.iterator]?: unknown })[Symbol.iterator] : undefined;
  if (typeof iter !== 'function') throw new TypeError(`${op}: expected an iterable of MLArrays, got ${show(params)}`);
  const it: unknown = iter.call(params);
  if (typeof it !== 'object' || it === null || typeof (it as Iterator<unknown>).next !== 'function') {
    throw new TypeError(`${op}: params[Symbol.iterator]() must return an iterator, got ${show(it)}`);
  }
  const out: unknown[] = [];
  for (;;) {
    const r: unknown = (it as Iterator<unknown>).next();
    if (typeof r !== 'object' || r === null) throw new TypeError(`${op}: the params iterator returned ${show(r)} instead of a result object`);
    if ((r as IteratorResult<unknown>).done === true) return out;
    if (out.length === MAX_PARAMS) throw new RangeError(`${op}: at most ${MAX_PARAMS} parameters per call (is the iterable endless?)`);
    out.push((r as IteratorResult<unknown>).value);
  }
}

/** An array's storage after the door's checks: the buffers the kernels may write. */
export interface Checked {
  readonly array: MLArray;
  readonly data: FloatArray;
  readonly grad: FloatArray | null;
  readonly dtype: DType;
  readonly shape: readonly number[];
}

const dtypeOf = (x: unknown): DType | null => (x instanceof Float64Array ? 'float64' : x instanceof Float32Array ? 'float32' : null);
// Where an array was found, for messages only: an index into params, or a label such as 'obj.weights'.
const place = (at: string | number): string => (typeof at === 'number' ? `params[${at}]` : at);
const unsound = (op: string, where: string, what: string): TypeError => new TypeError(`${op}: ${where} is not a sound MLArray: ${what}`);

/**
 * Checks that `x` is a sound MLArray (typed float storage whose length matches its
 * shape, a gradient of the same kind and length or none, a list of inputs) and returns
 * its storage. With `leaf`, a non-leaf array (one computed by an op) is refused, as
 * PyTorch refuses to optimize a non-leaf tensor: its data is recomputed from its inputs,
 * so updating it trains nothing. `at` says where `x` was found: an index into params, or
 * a label such as `obj.weights`.
 * Runs for every parameter at every step, so it allocates nothing but its result.
 */
export function checkArray(op: string, at: string | number, x: unknown, leaf: boolean): Checked {
  if (!(x instanceof MLArray)) throw new TypeError(`${op}: ${place(at)} must be an MLArray, got ${show(x)}`);
  const data: unknown = x.data;
  const dtype = dtypeOf(data);
  if (dtype === null) throw unsound(op, place(at), `its data is ${describeArg(data)}, expected a Float64Array or a Float32Array`);
  const shape: unknown = x.shape;
  if (!Array.isArray(shape) || shape.length > MAX_DIMS) throw unsound(op, place(at), `its shape is ${describeArg(shape)}${Array.isArray(shape) ? ` of ${shape.length} dimensions` : ''}`);
  let size = 1;
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (typeof d !== 'number' || !(d >= 0 && d <= Number.MAX_SAFE_INTEGER && Math.floor(d) === d)) throw unsound(op, place(at), `its shape holds ${show(d)} at position ${i}`);
    size *= d;
  }
  const n = (data as FloatArray).length;
  if (size !== n) throw unsound(op, place(at), `its data holds ${n} elements but its shape ${formatShape(shape as number[])} needs ${size}`);
  const grad: unknown = x.gradData;
  if (grad !== null && (dtypeOf(grad) !== dtype || (grad as FloatArray).length !== n)) {
    const gt = dtypeOf(grad);
    throw unsound(op, place(at), `its gradient is ${describeArg(grad)}${gt === null ? '' : ` of ${(grad as FloatArray).length} elements`}, expected null or a ${dtype === 'float32' ? 'Float32Array' : 'Float64Array'} of ${n}`);
  }
  const prev: unknown = x.prev;
  if (!Array.isArray(prev)) throw unsound(op, place(at), `its prev is ${describeArg(prev)}, expected an array`);
  if (leaf && prev.length > 0) {
    const made = typeof x.op === 'string' && x.op !== '' ? ` (it was computed by '${x.op.slice(0, 40)}')` : '';
    throw new TypeError(
      `${op}: can't optimize a non-leaf array: ${place(at)}${made} is recomputed from its inputs, so updating it trains nothing; ` +
        'optimize the leaf arrays it was computed from, or make it a leaf with restart()',
    );
  }
  return { array: x, data: data as FloatArray, grad: grad as FloatArray | null, dtype, shape: shape as readonly number[] };
}

/**
 * The distinct gradient buffers of `params` (arrays without a gradient are skipped; an
 * array listed twice counts once), each array checked at the door. Non-leaf arrays are
 * allowed: clipping reads and scales gradients, whatever computed the array.
 */
export function gradBuffers(op: string, params: unknown): FloatArray[] {
  const list = paramList(op, params).map((p, i) => checkArray(op, i, p, false));
  const seen = new Set<FloatArray>();
  for (const c of list) if (c.grad !== null) seen.add(c.grad);
  return [...seen];
}
