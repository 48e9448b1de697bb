import type { MLArray } from './mlarray';

/**
 * Reverse-mode sweep from `root` with seed gradient `seed`. The graph is ordered by an
 * iterative depth-first search (no recursion, so a 100 000-op chain cannot overflow the
 * stack). Intermediate gradients are reset at the start of every pass so a second
 * `backward()` over the same graph does not count the first one twice; leaves
 * accumulate.
 */
export function runBackward(root: MLArray, seed: Float64Array): void {
  const order: MLArray[] = [];
  const seen = new Set<MLArray>();
  const stack: MLArray[] = [root];
  const next: number[] = [0];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top];
    const prev = node._prev;
    const i = next[top];
    if (i < prev.length) {
      next[top] = i + 1;
      const p = prev[i];
      if (p.requiresGrad && !seen.has(p)) {
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
  for (let i = 0; i < order.length; i++) {
    const node = order[i];
    if (node._backward === null) continue;
    if (node._grad === null) node._grad = new Float64Array(node.size);
    else node._grad.fill(0);
  }
  if (root._grad === null) root._grad = new Float64Array(root.size);
  const g = root._grad;
  for (let i = 0; i < g.length; i++) g[i] += seed[i];
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (node._backward !== null && node._grad !== null) node._backward(node._grad);
  }
}
