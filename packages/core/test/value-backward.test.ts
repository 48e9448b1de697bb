import { inspect } from 'node:util';
import fc from 'fast-check';
import { Value } from '../src';
import { absGrad, divGradDivisor, powGradBase, reluPasses } from '../src/scalar';

// Value.backward visits the graph without arrays: its search path and its output order
// are threaded through the nodes and unthreaded again. These tests pin down what that
// must preserve. The order: reverse post-order of a depth-first search that takes a
// node's inputs in `prev` order, so every gradient is summed in the same order (and so
// rounds the same) as the recursive definition below. And the state: nothing of one pass
// may leak into the next, whatever graphs the passes alternate between.

/** What the test knows about each node it made: a *K node's constant, a custom node's partials. */
interface Made { k?: number; partials?: readonly number[] }

/**
 * The gradients one `root.backward()` must produce, from the recursive definition:
 * post-order DFS (inputs in `prev` order, each node once), then in reverse order each
 * node adds its gradient times each local derivative into its inputs, with the same
 * expressions (and so the same rounding) as the rules. Leaves start from their current
 * gradient, every other reachable node from 0.
 */
function reference(root: Value, made: Map<Value, Made>): Map<Value, number> {
  const order: Value[] = [];
  const seen = new Set<Value>();
  const visit = (v: Value): void => {
    if (seen.has(v)) return;
    seen.add(v);
    for (const p of v.prev) visit(p);
    order.push(v);
  };
  visit(root);
  const g = new Map<Value, number>();
  for (const v of order) g.set(v, v.op === '' ? v.grad : 0);
  const add = (v: Value, d: number): void => { g.set(v, (g.get(v) as number) + d); };
  add(root, 1);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    const gv = g.get(v) as number;
    const [a, b] = v.prev;
    const info = made.get(v) ?? {};
    const k = info.k as number;
    switch (v.op) {
      case '': break;
      case '+': add(a, gv); if (b) add(b, gv); break;
      case '-': add(a, gv); if (b) add(b, -gv); break;
      case '*': if (b) { add(a, gv * b.data); add(b, gv * a.data); } else add(a, gv * k); break;
      case '/': if (b) { add(a, gv / b.data); add(b, divGradDivisor(gv, a.data, b.data)); } else add(a, gv / k); break;
      case '**': add(a, powGradBase(gv, a.data, k)); break;
      case 'neg': add(a, -gv); break;
      case 'abs': add(a, absGrad(gv, a.data)); break;
      case 'exp': add(a, gv * v.data); break;
      case 'log': add(a, gv / a.data); break;
      case 'ReLU': if (reluPasses(a.data)) add(a, gv); break;
      case 'tanh': add(a, gv * (1 - v.data * v.data)); break;
      case 'sigmoid': add(a, gv * v.data * (1 - v.data)); break;
      case 'custom': v.prev.forEach((p, j) => add(p, gv * (info.partials as number[])[j])); break;
      default: throw new Error(`reference: unknown op ${v.op}`);
    }
  }
  return g;
}

/** Runs `root.backward()` and checks every node against the reference, bit for bit; nodes it cannot reach must keep their gradient. */
function checkBackward(root: Value, all: readonly Value[], made: Map<Value, Made>): void {
  const want = reference(root, made);
  const untouched = all.filter((v) => !want.has(v)).map((v) => [v, v.grad] as const);
  root.backward();
  for (const [v, g] of want) expect(v.grad).toBe(g);
  for (const [v, g] of untouched) expect(v.grad).toBe(g);
}

// A random graph: each step applies one op to earlier nodes, so nodes are shared by
// many later ones (diamonds, repeated operands, chains through custom nodes).
type Step = { op: number; i: number; j: number; k: number; n: number };
const step = fc.record({
  op: fc.integer({ min: 0, max: 20 }),
  i: fc.nat(),
  j: fc.nat(),
  k: fc.integer({ min: -3, max: 3 }),
  n: fc.integer({ min: 0, max: 4 }),
});

function grow(leaves: number[], steps: Step[]): { nodes: Value[]; made: Map<Value, Made> } {
  const nodes = leaves.map((x) => new Value(x));
  const made = new Map<Value, Made>();
  for (const s of steps) {
    const a = nodes[s.i % nodes.length], b = nodes[s.j % nodes.length];
    const k = s.k === 0 ? 0.5 : s.k;
    let v: Value;
    switch (s.op) {
      case 0: v = a.add(b); break;
      case 1: v = a.sub(b); break;
      case 2: v = a.mul(b); break;
      case 3: { const d = b.abs().add(1); made.set(d, { k: 1 }); v = a.div(d); break; }
      case 4: v = a.add(k); made.set(v, { k }); break;
      case 5: v = a.sub(k); made.set(v, { k }); break;
      case 6: v = a.mul(k); made.set(v, { k }); break;
      case 7: v = a.div(k); made.set(v, { k }); break;
      case 8: v = a.pow(s.k); made.set(v, { k: s.k }); break;
      case 9: v = a.neg(); break;
      case 10: v = a.abs(); break;
      case 11: v = a.tanh().exp(); break;
      case 12: { const d = a.abs().add(0.5); made.set(d, { k: 0.5 }); v = d.log(); break; }
      case 13: v = a.relu(); break;
      case 14: v = a.tanh(); break;
      case 15: v = a.sigmoid(); break;
      default: {
        // Value.custom with 0-4 parents, repeats allowed, among the latest nodes.
        const parents = Array.from({ length: s.n }, (_, t) => nodes[(s.i + t * (s.j + 1)) % nodes.length]);
        const partials = parents.map((_, t) => (t + 1) * 0.25 * (s.k || 1));
        v = Value.custom(a.data + 1, parents, partials);
        made.set(v, { partials });
      }
    }
    nodes.push(v);
  }
  return { nodes, made };
}

describe('Value.backward order and per-pass state', () => {
  test('random graphs: every gradient equals the recursive definition bit for bit, over alternating roots', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        (leaves, steps, roots) => {
          const { nodes, made } = grow(leaves, steps);
          // Backward from several roots in turn (later ones often inside earlier graphs):
          // leaves accumulate, intermediates restart, unreachable nodes keep their grad.
          for (const r of roots) checkBackward(nodes[nodes.length - 1 - (r % nodes.length)], nodes, made);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });

  test('two graphs sharing leaves and an intermediate, alternated, each give their own gradients', () => {
    const a = new Value(0.3), b = new Value(-1.2), c = new Value(2);
    const shared = a.mul(b).tanh();
    const g1 = shared.add(c.exp()).mul(shared);
    const g2 = shared.sigmoid().sub(c.mul(a)).div(b);
    const all = [a, b, c, shared, g1, g2];
    const made = new Map<Value, Made>();
    for (const root of [g1, g2, g1, shared, g2, g2, a, g1]) checkBackward(root, all, made);
    // Not vacuous: the leaves accumulated from every pass.
    expect(a.grad).not.toBe(0);
  });

  test('a custom node reached again in a later pass restarts its walk over its parents', () => {
    const x = new Value(1.5), y = new Value(-0.5);
    const made = new Map<Value, Made>();
    const inner = Value.custom(2, [x, y, x], [1, 2, 3]);
    made.set(inner, { partials: [1, 2, 3] });
    const outer = Value.custom(3, [inner, y, inner], [0.5, -1, 0.25]);
    made.set(outer, { partials: [0.5, -1, 0.25] });
    const root = outer.mul(inner).add(x);
    for (const r of [root, outer, root, inner]) checkBackward(r, [x, y, inner, outer, root], made);
    // d(root)/dx through every path, from a clean start
    x.grad = 0;
    y.grad = 0;
    root.backward();
    const dInner = outer.data + inner.data * (0.5 + 0.25); // root = outer·inner + x
    expect(x.grad).toBe(dInner * (1 + 3) + 1);
    expect(y.grad).toBe(dInner * 2 + inner.data * -1);
  });

  test('a backward pass on a deep chain leaves nothing behind for the next one', () => {
    const x = new Value(0.5);
    let y = x;
    for (let i = 0; i < 50_000; i++) y = y.mul(1).add(0);
    y.backward();
    expect(x.grad).toBe(1);
    // A small graph over the same leaf next, then the chain again: both exact.
    const z = x.mul(3);
    z.backward();
    expect(x.grad).toBe(4);
    y.backward();
    expect(x.grad).toBe(5);
    expect(z.grad).toBe(1);
  });

  test('a leaf as root adds one to its own gradient', () => {
    const x = new Value(2);
    x.backward();
    x.backward();
    expect(x.grad).toBe(2);
  });
});

describe('Value data and grad stay plain mutable numbers', () => {
  test('assigning data changes what later ops and rules read; assigning grad resets accumulation', () => {
    const w = new Value(1);
    w.data = 3;
    const y = w.mul(w);
    expect(y.data).toBe(9);
    y.backward();
    expect(w.grad).toBe(6);
    w.grad = 0;
    w.data = -0;
    expect(Object.is(w.data, -0)).toBe(true);
    w.data = NaN;
    expect(w.data).toBeNaN();
    w.data = 5e-324;
    expect(w.data).toBe(5e-324);
    w.data = 2;
    w.mul(w).backward();
    expect(w.grad).toBe(4);
  });

  test('nodes made in the same stretch keep separate numbers', () => {
    const vs = Array.from({ length: 1200 }, (_, i) => new Value(i + 0.5));
    vs.forEach((v, i) => { v.grad = -i; });
    vs.forEach((v, i) => {
      expect(v.data).toBe(i + 0.5);
      expect(v.grad).toBe(-i);
    });
  });

  test('console.log and util.inspect show the value, not its storage', () => {
    const v = new Value(1.25);
    v.grad = -2;
    expect(inspect(v)).toBe('Value(data=1.25, grad=-2)');
    expect(inspect([v])).toBe('[ Value(data=1.25, grad=-2) ]');
  });
});
