import { MLArray } from '@smolml/core';
import { gradBuffer } from './core-internals';
import { Ledger, typedOverhead } from './ledger';
import { type SizeOptions, layoutOf } from './layout';

/** The memory held by the autograd graph behind an array. */
export interface GraphSize {
  /** `leaves + activations + gradients`: everything the graph reaches now. */
  total: number;
  /** Arrays in the graph, the output and the leaves included. */
  nodes: number;
  /** Leaf arrays (parameters, inputs): arrays no op produced. */
  leafCount: number;
  /** Bytes of the leaves (values, gradients, overhead). They outlive the graph. */
  leaves: number;
  /**
   * Bytes of the intermediate arrays and the output, with what their backward closures
   * keep: the activations. Freed when the output is dropped.
   */
  activations: number;
  /** The part of `activations` held only inside backward closures (broadcast copies, saved means). */
  saved: number;
  /** Gradient buffers already allocated on intermediate arrays (after a backward pass). */
  gradients: number;
  /** Bytes `backward()` would still allocate: gradient buffers every array that needs one lacks. */
  pendingGradients: number;
  /** `total + pendingGradients`: what a training step holds at the end of its backward pass. */
  peak: number;
  /** `activations + gradients` by op name, largest first. */
  byOp: { op: string; count: number; bytes: number }[];
  /** The V8 layout the overhead was modelled with. */
  layout: string;
}

/**
 * The bytes held by the autograd graph behind `output`: the activations each op kept
 * for its backward pass, the leaves they came from, and the gradient buffers. Use it to
 * see what one training step holds at its peak (`peak`), and which ops cost the most
 * (`byOp`). Arrays shared by several paths (a reshape shares its input's values) are
 * counted once.
 *
 * Ops written with `customOp` may keep buffers inside their backward closures that no
 * array exposes; those are not visible here.
 *
 * @example
 * const loss = x.matmul(W).add(b).relu().sum();
 * const g = calculateGraphSize(loss);
 * formatSize(g.activations); // what the forward pass kept
 * formatSize(g.peak);        // and what backward() will add
 */
export function calculateGraphSize(output: MLArray, options?: SizeOptions): GraphSize {
  if (!(output instanceof MLArray)) {
    throw new TypeError(`calculateGraphSize: expected an MLArray, got ${output === null ? 'null' : typeof output}`);
  }
  const layout = layoutOf(options);
  const ledger = new Ledger(layout);
  const byOp = new Map<string, { count: number; bytes: number }>();
  let nodes = 0, leafCount = 0, leaves = 0, activations = 0, saved = 0, gradients = 0, pending = 0;
  // Parents before children, so a buffer shared down the graph (a reshape shares its
  // input's values) is attributed to the array that made it.
  for (const node of topologicalOrder(output)) {
    nodes++;
    const t0 = ledger.total;
    const bytes = ledger.mlarray(node);
    // backward() gives a gradient buffer to the output, to every recorded op's output
    // and to every leaf that requires grad.
    if (node.requiresGrad && gradBuffer(node) === null) pending += 8 * node.size + typedOverhead(layout, 8 * node.size);
    if (node.prev.length === 0) {
      leafCount++;
      leaves += ledger.total - t0;
      continue;
    }
    const state = ledger.opState(node);
    saved += state.storage + state.overhead;
    // Gradients of intermediates are the backward pass's, not the forward's.
    const gradBytes = bytes.grad === 0 ? 0 : bytes.grad + typedOverhead(layout, bytes.grad);
    const nodeBytes = ledger.total - t0;
    activations += nodeBytes - gradBytes;
    gradients += gradBytes;
    const entry = byOp.get(node.op) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += nodeBytes;
    byOp.set(node.op, entry);
  }
  const total = leaves + activations + gradients;
  return {
    total,
    nodes,
    leafCount,
    leaves,
    activations,
    saved,
    gradients,
    pendingGradients: pending,
    peak: total + pending,
    byOp: [...byOp].map(([op, e]) => ({ op, ...e })).sort((a, b) => b.bytes - a.bytes),
    layout: layout.name,
  };
}

/** Every array `root` depends on, parents first: an iterative post-order walk (no recursion, so any depth works). */
function topologicalOrder(root: MLArray): MLArray[] {
  const order: MLArray[] = [];
  const seen = new Set<MLArray>([root]);
  const stack: MLArray[] = [root];
  const next: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top];
    const i = next[top];
    if (i < node.prev.length) {
      next[top] = i + 1;
      const p = node.prev[i];
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
        next.push(0);
      }
    } else {
      order.push(node);
      stack.pop();
      next.pop();
    }
  }
  return order;
}
