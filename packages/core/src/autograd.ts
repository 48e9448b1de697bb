import { type MLArray, newGrad } from './mlarray';
import type { FloatArray } from './dtype';
import { nextEpoch } from './grad-mode';

/**
 * Reverse-mode sweep from `root` with seed gradient `seed`. The graph is ordered by an
 * iterative depth-first search (no recursion, so a 100 000-op chain cannot overflow the
 * stack). Intermediate gradients are reset at the start of every pass so a second
 * `backward()` over the same graph does not count the first one twice; leaves
 * accumulate.
 */
export function runBackward(root: MLArray, seed: FloatArray): void {
  // Post-order DFS with per-pass marks (see Value's topoOrder for the same scheme): a
  // node is emitted only after every input it depends on, however it was reached.
  const base = nextEpoch();
  const expanded = base + 1, done = base + 2;
  const order: MLArray[] = [];
  const stack: MLArray[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node._disposed) {
      throw new Error('backward: the graph runs through an array that was disposed (by dispose() or a tidy scope); keep() what must outlive a tidy');
    }
    if (node._mark === done) {
      stack.pop();
    } else if (node._mark === expanded) {
      stack.pop();
      node._mark = done;
      order.push(node);
    } else {
      node._mark = expanded;
      const prev = node._prev;
      for (let i = prev.length - 1; i >= 0; i--) {
        const p = prev[i];
        if (p.requiresGrad && p._mark < expanded) stack.push(p);
      }
    }
  }
  for (let i = 0; i < order.length; i++) {
    const node = order[i];
    if (node._backward === null) continue;
    if (node._grad === null) newGrad(node);
    else node._grad.fill(0);
  }
  const g = root._grad === null ? newGrad(root) : root._grad;
  for (let i = 0; i < g.length; i++) g[i] += seed[i];
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (node._backward !== null && node._grad !== null) node._backward(node._grad);
  }
}
