import { MLArray, describeArg } from '@smolml/core';
import { Ledger, typedOverhead } from './ledger';
import { type DeclaredNode, declared } from './declared-node';
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
  /**
   * The part of `activations` held only by backward rules: the closures, and the typed
   * arrays each node declares in `savedBuffers` (a broadcast copy, `std`'s means,
   * gelu's Φ(x), a fused loss's exponentials and row sums).
   */
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

const FN = 'calculateGraphSize';

/**
 * The bytes held by the autograd graph behind `output`: the activations each op kept
 * for its backward pass, the leaves they came from, and the gradient buffers. Use it to
 * see what one training step holds at its peak (`peak`), and which ops cost the most
 * (`byOp`). Arrays shared by several paths (a reshape shares its input's values) are
 * counted once.
 *
 * Each node is counted from what it declares: its `data`, `gradData`, `shape`, `prev`
 * and `savedBuffers` (the typed arrays its backward keeps beyond its inputs and
 * output; a fused `customOp` declares them with `{ saved }`), plus one constant for its
 * closure ({@link V8Layout.recordedNode}). Storage is exact in each array's dtype (8
 * bytes an element for float64, 4 for float32); a buffer a `customOp` keeps without
 * declaring it is not visible.
 *
 * @example
 * const loss = x.matmul(W).add(b).relu().sum();
 * const g = calculateGraphSize(loss);
 * formatSize(g.activations); // what the forward pass kept
 * formatSize(g.peak);        // and what backward() will add
 */
export function calculateGraphSize(output: MLArray, options?: SizeOptions): GraphSize {
  if (!(output instanceof MLArray)) {
    throw new TypeError(`${FN}: expected an MLArray, got ${describeArg(output)}`);
  }
  const layout = layoutOf(FN, options);
  const ledger = new Ledger(layout, FN);
  const byOp = new Map<string, { count: number; bytes: number }>();
  let nodes = 0, leafCount = 0, leaves = 0, activations = 0, saved = 0, gradients = 0, pending = 0;
  // Parents before children, so a buffer shared down the graph (a reshape shares its
  // input's values) is attributed to the array that made it.
  for (const [node, d] of topologicalOrder(output)) {
    nodes++;
    const t0 = ledger.total;
    const bytes = ledger.mlarray(node, d);
    // backward() gives a gradient buffer, in the array's dtype, to the output, to every
    // recorded op's output and to every leaf that requires grad.
    if (node.requiresGrad && d.grad === null) {
      const gradBytes = d.data.BYTES_PER_ELEMENT * d.data.length;
      pending += gradBytes + typedOverhead(layout, gradBytes);
    }
    if (d.prev.length === 0) {
      leafCount++;
      leaves += ledger.total - t0;
      continue;
    }
    const state = ledger.opState(d);
    saved += state.storage + state.overhead;
    // Gradients of intermediates are the backward pass's, not the forward's.
    const gradBytes = bytes.grad === 0 ? 0 : bytes.grad + typedOverhead(layout, bytes.grad);
    const nodeBytes = ledger.total - t0;
    activations += nodeBytes - gradBytes;
    gradients += gradBytes;
    const entry = byOp.get(d.op) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += nodeBytes;
    byOp.set(d.op, entry);
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

/**
 * Every array `root` depends on with what it declares, parents first: an iterative
 * post-order walk (no recursion, so any depth works). Each node is read once.
 */
function topologicalOrder(root: MLArray): [MLArray, DeclaredNode][] {
  const order: [MLArray, DeclaredNode][] = [];
  const seen = new Set<MLArray>([root]);
  const stack: [MLArray, DeclaredNode][] = [[root, declared(FN, root)]];
  const next: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const entry = stack[top];
    const prev = entry[1].prev;
    const i = next[top];
    if (i < prev.length) {
      next[top] = i + 1;
      const p = prev[i];
      if (!seen.has(p)) {
        seen.add(p);
        stack.push([p, declared(FN, p)]);
        next.push(0);
      }
    } else {
      order.push(entry);
      stack.pop();
      next.pop();
    }
  }
  return order;
}
