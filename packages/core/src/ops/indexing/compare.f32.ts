// GENERATED from compare.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, wrap } from '../../mlarray';
import { allocOut, cast } from '../../dtypes/float32';
import { broadcast } from '../broadcast.f32';

// Elementwise comparisons: 1 where the relation holds, 0 where not, in this file's
// dtype (the operands' promoted dtype), as IEEE-754 compares (every relation with a
// NaN is false except `ne`). The result is data, not a function of its inputs:
// nothing is recorded and it never requires grad, as PyTorch's bool results.

/** The six relations, by name. */
export type Relation = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

function withNumber(op: Relation, x: Float32Array, b: number, out: Float32Array): void {
  const n = x.length;
  switch (op) {
    case 'eq': for (let i = 0; i < n; i++) out[i] = x[i] === b ? 1 : 0; break;
    case 'ne': for (let i = 0; i < n; i++) out[i] = x[i] !== b ? 1 : 0; break;
    case 'gt': for (let i = 0; i < n; i++) out[i] = x[i] > b ? 1 : 0; break;
    case 'ge': for (let i = 0; i < n; i++) out[i] = x[i] >= b ? 1 : 0; break;
    case 'lt': for (let i = 0; i < n; i++) out[i] = x[i] < b ? 1 : 0; break;
    case 'le': for (let i = 0; i < n; i++) out[i] = x[i] <= b ? 1 : 0; break;
  }
}

function withArray(op: Relation, x: Float32Array, y: Float32Array, out: Float32Array): void {
  const n = out.length;
  switch (op) {
    case 'eq': for (let i = 0; i < n; i++) out[i] = x[i] === y[i] ? 1 : 0; break;
    case 'ne': for (let i = 0; i < n; i++) out[i] = x[i] !== y[i] ? 1 : 0; break;
    case 'gt': for (let i = 0; i < n; i++) out[i] = x[i] > y[i] ? 1 : 0; break;
    case 'ge': for (let i = 0; i < n; i++) out[i] = x[i] >= y[i] ? 1 : 0; break;
    case 'lt': for (let i = 0; i < n; i++) out[i] = x[i] < y[i] ? 1 : 0; break;
    case 'le': for (let i = 0; i < n; i++) out[i] = x[i] <= y[i] ? 1 : 0; break;
  }
}

/** `a op b` as 1/0 with numpy broadcasting; a number `b` is first rounded to this dtype. */
export function compare(op: Relation, a: MLArray, b: MLArray | number): MLArray {
  if (typeof b === 'number') {
    const out = allocOut(op, a.shape);
    withNumber(op, a.data as Float32Array, cast(b), out);
    return wrap(out, a.shape, false);
  }
  const bc = broadcast(op, a, b);
  const out = allocOut(op, bc.shape);
  withArray(op, bc.x, bc.y, out);
  return wrap(out, bc.shape, false);
}
