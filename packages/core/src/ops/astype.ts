import type { DType } from '../dtype';
import { type MLArray, record, gradOf } from '../mlarray';
import { checkSize } from '../alloc';
import { take32, take64 } from '../pool';

// The one op whose loops see two dtypes; it is written out for each direction so that
// every loop still sees a single typed-array kind for each operand.

// Every element is written, so the pool's buffers need no zero-fill.
function toF32(x: Float64Array): Float32Array {
  const out = take32(x.length, false);
  for (let i = 0; i < x.length; i++) out[i] = x[i];
  return out;
}

function toF64(x: Float32Array): Float64Array {
  const out = take64(x.length, false);
  for (let i = 0; i < x.length; i++) out[i] = x[i];
  return out;
}

/** `a` in `dtype` (the same array when it already is); the gradient is cast back. */
export function astype(a: MLArray, dtype: DType): MLArray {
  if (a.dtype === dtype) return a;
  checkSize('astype', a.size, a.shape, dtype);
  if (dtype === 'float32') {
    return record('astype', toF32(a.data as Float64Array), a.shape, [a], (g) => {
      const ga = gradOf(a) as Float64Array | null, gg = g as Float32Array;
      if (ga !== null) for (let i = 0; i < ga.length; i++) ga[i] += gg[i];
    });
  }
  return record('astype', toF64(a.data as Float32Array), a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null, gg = g as Float64Array;
    if (ga !== null) for (let i = 0; i < ga.length; i++) ga[i] += gg[i];
  });
}
