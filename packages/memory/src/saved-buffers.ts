import type { MLArray } from '@smolml/core';

// Buffers that an op's backward closure keeps alive but that no array exposes: core
// lists them on each node as `savedBuffers` (broadcast copies of an operand, the means
// kept by std, a transpose's index, the hidden 0-d constant of maximum/minimum against
// a number). matmul's transposed copies and the broadcast scratch sums exist only while
// backward() runs, so they are not held by the graph.
//
// What core does not list is the small objects around them, counted below from the op
// name: the broadcast plan of an elementwise binary op and the hidden 0-d array.

const BROADCASTING = new Set(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum']);

/** One hidden typed array: its byte length. */
export type SavedBuffer = number;

/** Byte lengths of the typed arrays `node`'s backward closure holds beyond its inputs and output. */
export function savedBuffers(node: MLArray): SavedBuffer[] {
  return node.savedBuffers.map((v) => v.byteLength);
}

/**
 * Fields of the small plain objects a node's closure keeps (the broadcast plan of an
 * elementwise binary op: shape, size and the two operand buffers), as one count.
 */
export function savedObjectFields(node: MLArray): number {
  return BROADCASTING.has(node.op) && (node.prev.length === 2 || node.op === 'maximum' || node.op === 'minimum') ? 4 : 0;
}

/** Object slots, beyond its buffer, of the hidden 0-d array made by maximum/minimum against a number. */
export function hiddenArrays(node: MLArray): number {
  return (node.op === 'maximum' || node.op === 'minimum') && node.prev.length === 1 ? 1 : 0;
}
