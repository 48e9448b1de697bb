import { type FloatArray, MLArray, describeArg } from '@smolml/core';

/**
 * What an array declares about itself through core's public API, and all that this
 * package reads of it: its storage, gradient buffer, shape, parents, the typed arrays its
 * backward keeps (`savedBuffers`) and its op name (for reports only).
 */
export interface DeclaredNode {
  readonly data: FloatArray;
  readonly grad: FloatArray | null;
  readonly shape: readonly number[];
  readonly prev: readonly MLArray[];
  readonly saved: readonly ArrayBufferView[];
  readonly op: string;
}

/**
 * @internal Reads and checks what `a` declares. Core's brand check already vouches for
 * `data` and `shape`; an object that carries the brand without core's accessors (a
 * forgery, or an array from an incompatible core) fails here with a TypeError naming
 * `fn` instead of a bare engine error later.
 *
 * @example declared('calculateGraphSize', x.exp()).prev; // [x]
 */
export function declared(fn: string, a: MLArray): DeclaredNode {
  const { data, gradData: grad, shape, prev, savedBuffers: saved, op } = a;
  const bad = (what: string, expected: string, got: unknown): never => {
    throw new TypeError(`${fn}: an MLArray's ${what} must be ${expected}, got ${describeArg(got)} (is it from an incompatible @smolml/core?)`);
  };
  if (!(data instanceof Float64Array || data instanceof Float32Array)) bad('data', 'a Float64Array or a Float32Array', data);
  const f32 = data instanceof Float32Array;
  if (grad !== null && !((f32 ? grad instanceof Float32Array : grad instanceof Float64Array) && grad.length === data.length)) {
    bad('gradData', `null or a ${f32 ? 'Float32Array' : 'Float64Array'} of ${data.length} elements`, grad);
  }
  if (!Array.isArray(shape)) bad('shape', 'an array', shape);
  if (!Array.isArray(prev)) bad('prev', 'an array of MLArrays', prev);
  for (let i = 0; i < prev.length; i++) if (!(prev[i] instanceof MLArray)) bad(`prev[${i}]`, 'an MLArray', prev[i]);
  if (!Array.isArray(saved)) bad('savedBuffers', 'an array of typed arrays', saved);
  for (let i = 0; i < saved.length; i++) if (!ArrayBuffer.isView(saved[i])) bad(`savedBuffers[${i}]`, 'a typed array', saved[i]);
  if (typeof op !== 'string') bad('op', 'a string', op);
  return { data, grad, shape, prev, saved, op };
}
