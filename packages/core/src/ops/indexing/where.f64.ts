import { type MLArray, record, wrap } from '../../mlarray';
import { allocOut, cast } from '../../dtypes/float64';
import { expandTo, flushSink, sink } from '../broadcast.f64';
import { broadcastIndex, sameShape } from '../../shape';

// where(condition, a, b) in two steps, each over one typed-array kind: `mask` reads a
// condition of this file's dtype into a byte per output element (condition != 0, so
// NaN counts as true, as numpy's bool(nan)); `where` picks from operands of this
// file's dtype. The backward pass routes the gradient through the mask to a and b and
// never to the condition, as PyTorch's where does; it keeps only the mask.

/** One byte per element of `shape`: 1 where the (broadcast) condition is non-zero. */
export function mask(cond: MLArray, shape: readonly number[], size: number): Uint8Array {
  const c = cond.data as Float64Array, m = new Uint8Array(size);
  if (cond.size === size) {
    for (let i = 0; i < size; i++) m[i] = c[i] !== 0 ? 1 : 0;
  } else {
    const idx = broadcastIndex(cond.shape, shape);
    for (let i = 0; i < size; i++) m[i] = c[idx[i]] !== 0 ? 1 : 0;
  }
  return m;
}

function operand(v: MLArray | number): MLArray {
  return typeof v === 'number' ? wrap(new Float64Array([cast(v)]), [], false) : v;
}

function valuesAt(op: string, v: MLArray, shape: readonly number[], size: number): Float64Array {
  return v.size === size && sameShape(v.shape, shape) ? (v.data as Float64Array) : expandTo(op, v.data as Float64Array, v.shape, shape);
}

/** `m ? a : b` elementwise over `shape` (a and b of this file's dtype or numbers): a new array. */
export function where(m: Uint8Array, aIn: MLArray | number, bIn: MLArray | number, shape: readonly number[]): MLArray {
  const size = m.length;
  const a = operand(aIn), b = operand(bIn);
  const out = allocOut('where', shape);
  const x = valuesAt('where', a, shape, size), y = valuesAt('where', b, shape, size);
  for (let i = 0; i < size; i++) out[i] = m[i] !== 0 ? x[i] : y[i];
  const parents: MLArray[] = [];
  if (typeof aIn !== 'number') parents.push(aIn);
  if (typeof bIn !== 'number') parents.push(bIn);
  return record('where', out, shape, parents, (gIn) => {
    const g = gIn as Float64Array;
    const ga = typeof aIn === 'number' ? null : sink(aIn, size);
    if (ga !== null) for (let i = 0; i < size; i++) if (m[i] !== 0) ga[i] += g[i];
    const gb = typeof bIn === 'number' ? null : sink(bIn, size);
    if (gb !== null) for (let i = 0; i < size; i++) if (m[i] === 0) gb[i] += g[i];
    if (typeof aIn !== 'number') flushSink(aIn, ga, shape);
    if (typeof bIn !== 'number') flushSink(bIn, gb, shape);
  }, [m]);
}
