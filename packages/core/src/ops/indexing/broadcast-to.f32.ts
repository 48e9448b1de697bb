// GENERATED from broadcast-to.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../../mlarray';
import { accumulateReduced, expandTo } from '../broadcast.f32';

// numpy.broadcast_to materialised: storage has no strides, so where numpy returns a
// read-only view with stride 0 on the stretched axes, this writes the repeated values
// out. The gradient sums back over the stretched axes (in double, rounded once).

/** `a` repeated out to `shape` (already checked to be a broadcast of a's shape): a new array (a copy). */
export function broadcastTo(a: MLArray, shape: readonly number[]): MLArray {
  const out = expandTo('broadcastTo', a.data as Float32Array, a.shape, shape);
  return record('broadcastTo', out, shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) accumulateReduced(ga, a.shape, g as Float32Array, shape);
  });
}
