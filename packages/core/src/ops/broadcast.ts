import { MLArray, gradOf } from '../mlarray';
import { describeArg } from '../errors';
import { accumulateReduced, broadcastShapes, expandTo, sameShape, sizeOf } from '../shape';

/** Two operands brought to a common shape, for elementwise binary ops. */
export interface Broadcast {
  shape: readonly number[];
  size: number;
  /** `a`'s values at every output position (a.data itself when no expansion was needed). */
  x: Float64Array;
  /** `b`'s values at every output position. */
  y: Float64Array;
}

const NO_COPIES: readonly ArrayBufferView[] = Object.freeze([]);

/** The expanded operand copies a broadcast made (what its op's backward keeps). */
export function copies(bc: Broadcast, a: MLArray, b: MLArray): readonly ArrayBufferView[] {
  const ax = bc.x !== a.data, by = bc.y !== b.data;
  if (!ax && !by) return NO_COPIES;
  return ax && by ? [bc.x, bc.y] : [ax ? bc.x : bc.y];
}

/** Rejects an operand that is neither an MLArray nor a number, naming the op. */
export function checkOperand(op: string, b: unknown): void {
  if (typeof b !== 'number' && !(b instanceof MLArray)) {
    const hint = Array.isArray(b) ? ' (wrap it: new MLArray(...))' : '';
    throw new TypeError(`${op}: expected an MLArray or a number, got ${describeArg(b)}${hint}`);
  }
}

export function broadcast(op: string, a: MLArray, b: MLArray): Broadcast {
  checkOperand(op, b);
  if (sameShape(a.shape, b.shape)) return { shape: a.shape, size: a.size, x: a.data, y: b.data };
  const shape = broadcastShapes(op, a.shape, b.shape);
  const size = sizeOf(shape);
  // Broadcasting only stretches dimensions of length 1, so an operand with as many
  // elements as the output already has the output's flat layout.
  const x = a.size === size ? a.data : expandTo(a.data, a.shape, shape);
  const y = b.size === size ? b.data : expandTo(b.data, b.shape, shape);
  return { shape, size, x, y };
}

/**
 * Where a parent's share of an elementwise gradient is written: straight into its
 * gradient buffer when it has as many elements as the output (same flat layout),
 * otherwise into a scratch buffer that {@link flushSink} sums down to its shape.
 * Null when the parent needs no gradient.
 */
export function sink(p: MLArray, size: number): Float64Array | null {
  if (!p.requiresGrad) return null;
  return p.size === size ? gradOf(p) : new Float64Array(size);
}

export function flushSink(p: MLArray, buf: Float64Array | null, shape: readonly number[]): void {
  if (buf === null || p.size === buf.length) return;
  accumulateReduced(gradOf(p) as Float64Array, p.shape, buf, shape);
}
