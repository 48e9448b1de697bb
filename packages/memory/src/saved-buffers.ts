import type { MLArray } from '@smolml/core';

// Buffers that an op's backward closure keeps alive but that no array exposes: they
// cannot be found by walking the graph, so they are listed here from core's op
// implementations (packages/core/src/ops). Each is a fresh typed array.
//
// - Elementwise binary ops (add, sub, mul, div, pow, maximum, minimum) broadcast both
//   operands to the output shape. An operand with fewer elements than the output is
//   copied out to the output's size, and the closure keeps the copy. This is what a
//   bias add `x.matmul(W).add(b)` costs beyond its output: one more batch × units copy.
// - maximum/minimum against a plain number wrap it in a hidden 0-d array first, so the
//   node records one parent but still broadcasts (and keeps) the constant.
// - std keeps the means (one per output element).
// - transpose of anything but a matrix keeps an Int32Array permutation index.
//
// matmul's transposed copies and the broadcast scratch sums exist only while
// backward() runs, so they are not held by the graph.

const BROADCASTING = new Set(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum']);

/** One hidden typed array: its byte length. */
export type SavedBuffer = number;

/** Byte lengths of the typed arrays `node`'s backward closure holds beyond its inputs and output. */
export function savedBuffers(node: MLArray): SavedBuffer[] {
  const op = node.op;
  const prev = node.prev;
  const out: SavedBuffer[] = [];
  if (BROADCASTING.has(op)) {
    if (prev.length === 2) {
      for (const p of prev) if (p.size !== node.size) out.push(8 * node.size);
    } else if (op === 'maximum' || op === 'minimum') {
      out.push(8); // the hidden 0-d array holding the constant
      if (node.size !== 1) out.push(8 * node.size);
    }
  } else if (op === 'std') {
    out.push(8 * node.size);
  } else if (op === 'transpose' && node.ndim !== 2) {
    out.push(4 * node.size);
  }
  return out;
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
