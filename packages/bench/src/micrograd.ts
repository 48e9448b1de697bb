// A plain closure-based micrograd, the baseline for our `Value`: Karpathy's micrograd
// (github.com/karpathy/micrograd, engine.py) ported to TypeScript line for line — each
// node keeps its parents and a `_backward` closure — except the topological sort,
// which is iterative: the recursive one overflows the JavaScript stack on the
// 500 000-deep chain of the Value case.

/** A scalar node: value, gradient, parents and the closure that pushes its gradient to them. */
export class MgValue {
  grad = 0;
  _backward: () => void = () => {};

  constructor(public data: number, readonly _prev: readonly MgValue[] = []) {}

  add(other: MgValue): MgValue {
    const out = new MgValue(this.data + other.data, [this, other]);
    out._backward = () => {
      this.grad += out.grad;
      other.grad += out.grad;
    };
    return out;
  }

  mul(other: MgValue): MgValue {
    const out = new MgValue(this.data * other.data, [this, other]);
    out._backward = () => {
      this.grad += other.data * out.grad;
      other.grad += this.data * out.grad;
    };
    return out;
  }

  /** Sets every reachable gradient: d(this)/d(node). */
  backward(): void {
    const topo: MgValue[] = [];
    const visited = new Set<MgValue>();
    // Post-order DFS with an explicit stack: a node is emitted after all its parents.
    const stack: [MgValue, number][] = [[this, 0]];
    visited.add(this);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [v, i] = top;
      if (i < v._prev.length) {
        top[1]++;
        const p = v._prev[i];
        if (!visited.has(p)) {
          visited.add(p);
          stack.push([p, 0]);
        }
      } else {
        stack.pop();
        topo.push(v);
      }
    }
    this.grad = 1;
    for (let i = topo.length - 1; i >= 0; i--) topo[i]._backward();
  }
}
