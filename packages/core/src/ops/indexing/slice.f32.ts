// GENERATED from slice.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../../mlarray';
import { allocOut } from '../../dtypes/float32';
import type { SlicePlan } from './slice-spec';

// A slice is a strided walk over the source (see slice-spec.ts): the last output axis
// is the inner loop, the others advance an odometer. Basic indexing never visits a
// source element twice, so the backward pass scatters with plain `+=` and needs no
// index buffer: the plan's few numbers are all it keeps.

function gather(x: Float32Array, out: Float32Array, shape: readonly number[], strides: readonly number[], offset: number): void {
  const size = out.length;
  if (size === 0) return;
  const nd = shape.length;
  if (nd === 0) {
    out[0] = x[offset];
    return;
  }
  const last = nd - 1, len = shape[last], st = strides[last];
  const counter = new Array<number>(nd).fill(0);
  let base = offset;
  for (let i = 0; i < size; ) {
    for (let j = 0; j < len; j++) out[i++] = x[base + j * st];
    for (let d = last - 1; d >= 0; d--) {
      counter[d]++;
      base += strides[d];
      if (counter[d] < shape[d]) break;
      base -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
}

function scatter(g: Float32Array, ga: Float32Array, shape: readonly number[], strides: readonly number[], offset: number): void {
  const size = g.length;
  if (size === 0) return;
  const nd = shape.length;
  if (nd === 0) {
    ga[offset] += g[0];
    return;
  }
  const last = nd - 1, len = shape[last], st = strides[last];
  const counter = new Array<number>(nd).fill(0);
  let base = offset;
  for (let i = 0; i < size; ) {
    for (let j = 0; j < len; j++) ga[base + j * st] += g[i++];
    for (let d = last - 1; d >= 0; d--) {
      counter[d]++;
      base += strides[d];
      if (counter[d] < shape[d]) break;
      base -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
}

/** The elements of `a` that `plan` walks, as a new array (a copy); the gradient scatters back into zeros. */
export function slice(a: MLArray, plan: SlicePlan): MLArray {
  const { shape, strides, offset } = plan;
  const out = allocOut('slice', shape);
  gather(a.data as Float32Array, out, shape, strides, offset);
  return record('slice', out, shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) scatter(g as Float32Array, ga, shape, strides, offset);
  });
}
