// GENERATED from broadcast.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, gradOf } from '../mlarray';
import { broadcastIndex, broadcastShapes, sameShape, sizeOf } from '../shape';
import { allocOut, release, scratch } from '../dtypes/float32';
import { accumulator } from './acc';

/** Two operands of this file's dtype brought to a common shape, for elementwise binary ops. */
export interface Broadcast {
  shape: readonly number[];
  size: number;
  /** `a`'s values at every output position (a.data itself when no expansion was needed). */
  x: Float32Array;
  /** `b`'s values at every output position. */
  y: Float32Array;
}

const NO_COPIES: readonly ArrayBufferView[] = Object.freeze([]);

/** The expanded operand copies a broadcast made (what its op's backward keeps). */
export function copies(bc: Broadcast, a: MLArray, b: MLArray): readonly ArrayBufferView[] {
  const ax = bc.x !== a.data, by = bc.y !== b.data;
  if (!ax && !by) return NO_COPIES;
  return ax && by ? [bc.x, bc.y] : [ax ? bc.x : bc.y];
}

// Whether `shape` without its leading 1s is the trailing part of `outShape` (a row
// vector broadcast over rows, a [C, H, W] block over a batch): then its data repeats
// whole, every length-1 dimension standing in front of it.
function isTrailingBlock(shape: readonly number[], outShape: readonly number[]): boolean {
  let lead = 0;
  while (lead < shape.length && shape[lead] === 1) lead++;
  const off = outShape.length - shape.length;
  for (let i = lead; i < shape.length; i++) if (shape[i] !== outShape[i + off]) return false;
  return true;
}

/** `data` (of `shape`) repeated out to `outShape`, as a new contiguous buffer. */
export function expandTo(op: string, data: Float32Array, shape: readonly number[], outShape: readonly number[]): Float32Array {
  const out = allocOut(op, outShape);
  // A bias-like operand (its shape, past leading 1s, is the output's trailing shape) is
  // the same block repeated: copy it whole instead of building an index of every element.
  if (data.length === 1) {
    out.fill(data[0]);
    return out;
  }
  if (data.length >= 16 && isTrailingBlock(shape, outShape)) {
    for (let at = 0; at < out.length; at += data.length) out.set(data, at);
    return out;
  }
  const idx = broadcastIndex(shape, outShape);
  for (let i = 0; i < idx.length; i++) out[i] = data[idx[i]];
  return out;
}

/**
 * Adds `g` (of `outShape`) into a smaller `target` (of `shape`), summing over the
 * broadcast dimensions in double and rounding once per target element.
 */
export function accumulateReduced(target: Float32Array, shape: readonly number[], g: Float32Array, outShape: readonly number[]): void {
  if (target.length === 1) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i];
    target[0] += s;
    return;
  }
  const acc = accumulator(target.length);
  if (isTrailingBlock(shape, outShape)) {
    // The same sums as the indexed loop below (each acc[j] over the rows in order).
    const w = target.length;
    for (let at = 0; at < g.length; at += w) for (let j = 0; j < w; j++) acc[j] += g[at + j];
    for (let i = 0; i < w; i++) target[i] += acc[i];
    release(acc);
    return;
  }
  const idx = broadcastIndex(shape, outShape);
  for (let i = 0; i < g.length; i++) acc[idx[i]] += g[i];
  for (let i = 0; i < target.length; i++) target[i] += acc[i];
  release(acc);
}

/** Both operands (already of this file's dtype) at every output position. */
export function broadcast(op: string, a: MLArray, b: MLArray): Broadcast {
  if (sameShape(a.shape, b.shape)) return { shape: a.shape, size: a.size, x: a.data as Float32Array, y: b.data as Float32Array };
  const shape = broadcastShapes(op, a.shape, b.shape);
  const size = sizeOf(shape);
  // Broadcasting only stretches dimensions of length 1, so an operand with as many
  // elements as the output already has the output's flat layout.
  const x = a.size === size ? (a.data as Float32Array) : expandTo(op, a.data as Float32Array, a.shape, shape);
  const y = b.size === size ? (b.data as Float32Array) : expandTo(op, b.data as Float32Array, b.shape, shape);
  return { shape, size, x, y };
}

/**
 * Where a parent's share of an elementwise gradient is written: straight into its
 * gradient buffer when it has as many elements as the output (same flat layout),
 * otherwise into a scratch buffer that {@link flushSink} sums down to its shape.
 * Null when the parent needs no gradient.
 */
export function sink(p: MLArray, size: number): Float32Array | null {
  if (!p.requiresGrad) return null;
  return p.size === size ? (gradOf(p) as Float32Array) : scratch(size);
}

export function flushSink(p: MLArray, buf: Float32Array | null, shape: readonly number[]): void {
  if (buf === null || p.size === buf.length) return;
  const target = gradOf(p) as Float32Array | null;
  if (target !== null) accumulateReduced(target, p.shape, buf, shape);
  release(buf); // the scratch sink, made in sink() for this one backward call
}
