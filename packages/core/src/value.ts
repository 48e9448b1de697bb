import { VALUE_BRAND, hasBrand } from './brand';
import { nextEpoch } from './grad-mode';
import { cpow } from './cpow';
import { absGrad, divGradDivisor, powGradBase, reluOf, reluPasses, sigmoidOf } from './scalar';
import { describeArg } from './errors';

// Op codes, so backward is one switch instead of a closure per node: a million-node
// graph then costs a million small objects, not two million.
// A plain-number operand is kept in `_b` (the *K codes) instead of a leaf Value: it
// needs no gradient, and skipping the object halves the allocations of `x.mul(2)`.
const enum Op { Leaf, Add, Mul, Pow, Neg, Abs, Exp, Log, Relu, Tanh, Sigmoid, Div, Sub, AddK, MulK, DivK, SubK, Custom }
const OP_NAMES = ['', '+', '*', '**', 'neg', 'abs', 'exp', 'log', 'ReLU', 'tanh', 'sigmoid', '/', '-', '+', '*', '/', '-', 'custom'];

// A Value.custom node keeps its parents and their local derivatives in `_b`; `next` is
// backward's cursor into `parents` while the node is on the search path.
interface CustomRule { readonly parents: readonly Value[]; readonly partials: readonly number[]; next: number }

// Where data and grad live. V8 (since 8.x, with or without pointer compression) keeps a
// double-valued field in a separate heap number, so a node holding data and grad as
// fields was three heap objects, and at a million nodes the young-generation collector
// spent most of the time copying them. Instead each node owns two slots of a shared
// Float64Array chunk: the node is one object, and the chunk holds only numbers, so it
// keeps no node alive (a chunk is freed when the last of its nodes dies; a long-lived
// node keeps at most its chunk's 4 KiB). Slots are handed out once, never reused, so a
// fresh slot's grad is the chunk's initial 0.
const CHUNK_SLOTS = 512;
let chunk = new Float64Array(CHUNK_SLOTS);
let used = 0;

/**
 * A scalar that remembers how it was computed, micrograd-style: the teaching version of
 * autograd and the tool for scalar code. Every op, and `backward()`, is iterative, so
 * chains of any length work.
 *
 * @example
 * const a = new Value(2), b = new Value(-3);
 * const c = a.mul(b).add(a.pow(2));   // c = ab + a² = -2
 * c.backward();
 * a.grad; // b + 2a = 1
 * b.grad; // a = 2
 */
export class Value {
  // `declare`d: the constructor creates every field, in this order, so all nodes share
  // one hidden class.
  /** @internal the chunk holding `data` at `_i` and `grad` at `_i + 1` */
  declare _s: Float64Array;
  /** @internal */
  declare _i: number;
  /** @internal */
  declare _code: Op;
  /** @internal */
  declare _a: Value | null;
  /** @internal The second operand: a Value, the constant of a pow or *K node, or a custom node's rule. */
  declare _b: Value | number | CustomRule | null;
  /** @internal last backward pass that visited this node */
  declare _mark: number;
  /**
   * @internal During backward's search, the node that reached this one; once this node
   * is finished, the next node in backward order. null outside backward, so it never
   * keeps a node alive.
   */
  declare _link: Value | null;

  constructor(data: number) {
    if (typeof data !== 'number') throw new TypeError(`Value: expected a number, got ${describeArg(data)}`);
    let s = chunk, i = used;
    if (i === CHUNK_SLOTS) {
      s = chunk = new Float64Array(CHUNK_SLOTS);
      i = 0;
    }
    used = i + 2;
    s[i] = data;
    this._s = s;
    this._i = i;
    this._code = Op.Leaf;
    this._a = null;
    this._b = null;
    this._mark = 0;
    this._link = null;
  }

  /** The number this node holds; assignable (an optimizer step writes it). */
  get data(): number {
    return this._s[this._i];
  }
  set data(x: number) {
    this._s[this._i] = x;
  }

  /** d(root)/d(this) after `root.backward()`; assignable (`v.grad = 0` zeroes it). */
  get grad(): number {
    return this._s[this._i + 1];
  }
  set grad(x: number) {
    this._s[this._i + 1] = x;
  }

  /** Recognises Values made by any loaded copy of this package (CommonJS or ESM). */
  static [Symbol.hasInstance](x: unknown): boolean {
    // The brand, and numbers where a Value keeps them: a forged object carrying the brand
    // with a string `data` would otherwise turn arithmetic into string concatenation.
    if (!hasBrand(x, VALUE_BRAND)) return false;
    const v = x as { data?: unknown; grad?: unknown };
    return typeof v.data === 'number' && typeof v.grad === 'number';
  }

  /** The op that produced this node (`''` for a leaf), e.g. `'+'`, `'*'`, `'tanh'`. */
  get op(): string {
    return OP_NAMES[this._code];
  }

  /** The nodes this one was computed from. */
  get prev(): readonly Value[] {
    const b = this._b;
    if (this._code === Op.Custom) return (b as CustomRule).parents.slice();
    return this._a === null ? [] : b === null || typeof b === 'number' ? [this._a] : [this._a, b as Value];
  }

  /**
   * A node computed outside Value's own ops: `data` is its value, `parents` the Values
   * it was computed from, and `partials[i]` the local derivative ∂data/∂parents[i].
   * Backward then adds `grad · partials[i]` into each parent. The extension point
   * siblings use for their scalar functions.
   *
   * @example
   * // softplus(x) = ln(1 + e^x), d/dx = sigmoid(x)
   * const x = new Value(0.5);
   * const y = Value.custom(Math.log1p(Math.exp(x.data)), [x], [1 / (1 + Math.exp(-x.data))]);
   * y.backward(); x.grad; // 0.6224593312018546
   */
  static custom(data: number, parents: readonly Value[], partials: readonly number[]): Value {
    if (typeof data !== 'number') throw new TypeError(`Value.custom: data must be a number, got ${describeArg(data)}`);
    if (!Array.isArray(parents)) throw new TypeError(`Value.custom: parents must be an array of Values, got ${describeArg(parents)}`);
    if (!Array.isArray(partials)) throw new TypeError(`Value.custom: partials must be an array of numbers, got ${describeArg(partials)}`);
    if (parents.length !== partials.length) {
      throw new RangeError(`Value.custom: ${parents.length} parents but ${partials.length} partials; give one partial derivative per parent`);
    }
    for (let i = 0; i < parents.length; i++) {
      if (!(parents[i] instanceof Value)) throw new TypeError(`Value.custom: parents[${i}] is ${describeArg(parents[i])}, expected a Value`);
      if (typeof partials[i] !== 'number') throw new TypeError(`Value.custom: partials[${i}] is ${describeArg(partials[i])}, expected a number`);
    }
    const v = new Value(data);
    v._code = Op.Custom;
    const rule: CustomRule = { parents: parents.slice(), partials: partials.slice(), next: 0 };
    v._b = rule;
    return v;
  }

  private static node(data: number, code: Op, a: Value, b: Value | number | null): Value {
    const v = new Value(data);
    v._code = code;
    v._a = a;
    v._b = b;
    return v;
  }

  /** `this + o` */
  add(o: Value | number): Value {
    if (typeof o === 'number') return Value.node(this.data + o, Op.AddK, this, o);
    return Value.node(this.data + operand('add', o).data, Op.Add, this, o);
  }
  /** `this - o` */
  sub(o: Value | number): Value {
    if (typeof o === 'number') return Value.node(this.data - o, Op.SubK, this, o);
    return Value.node(this.data - operand('sub', o).data, Op.Sub, this, o);
  }
  /** `this * o` */
  mul(o: Value | number): Value {
    if (typeof o === 'number') return Value.node(this.data * o, Op.MulK, this, o);
    return Value.node(this.data * operand('mul', o).data, Op.Mul, this, o);
  }
  /** `this / o`; IEEE-754 division (1/0 is Infinity), unlike the original, which returned 0. */
  div(o: Value | number): Value {
    if (typeof o === 'number') return Value.node(this.data / o, Op.DivK, this, o);
    return Value.node(this.data / operand('div', o).data, Op.Div, this, o);
  }
  /** `this ** k` for a constant exponent. */
  pow(k: number): Value {
    if (typeof k !== 'number') throw new TypeError(`Value.pow: the exponent must be a number, got ${describeArg(k)}`);
    return Value.node(cpow(this.data, k), Op.Pow, this, k);
  }
  /** `-this` */
  neg(): Value { return Value.node(-this.data, Op.Neg, this, null); }
  /** `|this|` (gradient 0 at 0) */
  abs(): Value { return Value.node(Math.abs(this.data), Op.Abs, this, null); }
  /** `e^this` */
  exp(): Value { return Value.node(Math.exp(this.data), Op.Exp, this, null); }
  /** `ln this` */
  log(): Value { return Value.node(Math.log(this.data), Op.Log, this, null); }
  /** `max(this, 0)`; NaN passes through, as in PyTorch */
  relu(): Value { return Value.node(reluOf(this.data), Op.Relu, this, null); }
  /** `tanh(this)` via `Math.tanh` (no overflow for large inputs). */
  tanh(): Value { return Value.node(Math.tanh(this.data), Op.Tanh, this, null); }
  /** `1 / (1 + e^-this)`, stable for large |x|. */
  sigmoid(): Value { return Value.node(sigmoidOf(this.data), Op.Sigmoid, this, null); }

  /**
   * Sets this node's gradient to 1 and propagates to every node it depends on.
   * Leaves accumulate across calls; intermediate nodes are reset for each pass.
   */
  backward(): void {
    backprop(this);
  }

  /** `Value(data=…, grad=…)`, also what Node's console.log and util.inspect show. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** `Value(data=…, grad=…)` */
  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

// Value.backward's two passes.
function backprop(root: Value): void {
  // 1. Order: an iterative post-order depth-first search (inputs in order a, b, or a
  // custom node's parents in order) that needs no array, so a pass allocates nothing.
  // A node's mark says where it is in this pass: below `gray` unvisited, `gray` on the
  // search path, `done` finished. A node on the path points through `_link` to the node
  // that reached it; once finished, `_link` is reused to chain it to the node finished
  // before it, so the chain read from the last-finished node (the root) is the reverse
  // post-order: every node before all of its inputs.
  const base = nextEpoch();
  const gray = base + 1, done = base + 2;
  let v: Value = root;
  let from: Value | null = null; // the input the search just came back from, or null on arrival
  let last: Value | null = null;
  v._mark = gray;
  v._link = null;
  for (;;) {
    let next: Value | null = null;
    if (v._code === Op.Custom) {
      const r = v._b as CustomRule;
      if (from === null) r.next = 0;
      const ps = r.parents;
      while (r.next < ps.length) {
        const p = ps[r.next++];
        if (p._mark < gray) { next = p; break; }
      }
    } else {
      const a = v._a, b = v._b;
      // On arrival try a; then b, unless the search is coming back from b (when a is
      // b, coming back from a means coming back from both).
      if (from === null && a !== null && a._mark < gray) next = a;
      else if (from !== b && b !== null && typeof b !== 'number' && (b as Value)._mark < gray) next = b as Value;
    }
    if (next !== null) {
      next._mark = gray;
      next._link = v;
      from = null;
      v = next;
      continue;
    }
    v._mark = done;
    if (v._code !== Op.Leaf) v._s[v._i + 1] = 0;
    const up: Value | null = v._link;
    v._link = last;
    last = v;
    if (up === null) break;
    from = v;
    v = up;
  }

  // 2. Propagate along the chain, unlinking as it goes. One loop with the rules inline:
  // a separate per-node function was sometimes left unoptimised by V8, and then every
  // double it touched was boxed on the heap.
  root.grad += 1;
  for (let n: Value | null = last; n !== null;) {
    const g = n.grad;
    const a = n._a as Value;
    const b = n._b as Value; // only read by the two-Value codes
    const k = n._b as number; // only read by pow and the *K codes
    switch (n._code) {
      case Op.Leaf: break;
      case Op.Add: a.grad += g; b.grad += g; break;
      case Op.Sub: a.grad += g; b.grad -= g; break;
      case Op.Mul: a.grad += g * b.data; b.grad += g * a.data; break;
      case Op.Div: a.grad += g / b.data; b.grad += divGradDivisor(g, a.data, b.data); break;
      case Op.AddK: case Op.SubK: a.grad += g; break;
      case Op.MulK: a.grad += g * k; break;
      case Op.DivK: a.grad += g / k; break;
      case Op.Pow: a.grad += powGradBase(g, a.data, k); break;
      case Op.Neg: a.grad -= g; break;
      case Op.Abs: a.grad += absGrad(g, a.data); break;
      case Op.Exp: a.grad += g * n.data; break;
      case Op.Log: a.grad += g / a.data; break;
      case Op.Relu: if (reluPasses(a.data)) a.grad += g; break;
      case Op.Tanh: a.grad += g * (1 - n.data * n.data); break;
      case Op.Sigmoid: a.grad += g * n.data * (1 - n.data); break;
      case Op.Custom: {
        const r = n._b as CustomRule;
        for (let j = 0; j < r.parents.length; j++) r.parents[j].grad += g * r.partials[j];
        break;
      }
    }
    const following: Value | null = n._link;
    n._link = null;
    n = following;
  }
}

function operand(op: string, o: unknown): Value {
  if (!(o instanceof Value)) throw new TypeError(`Value.${op}: expected a Value or a number, got ${describeArg(o)}`);
  return o;
}

// The brand lives on the prototype, not on each node: same check, one field less.
Object.defineProperty(Value.prototype, VALUE_BRAND, { value: true });

// Settle the hidden class while this module is loading. V8 sizes the objects of a class
// by watching its first seven constructions (in-object slack tracking) and gives each
// field the narrowest representation and type it has seen, and widening one later costs
// every object made before (a migration on its next access; at a million nodes that once
// made the first backward pass ~10x slower). So: more than seven nodes, one of each
// shape, and a backward pass over them, while they are the only nodes. With fewer, the
// tracking could end at a later collection that had already dropped these nodes' map
// transitions, and then it shrank every node to no in-object fields (each node became
// two objects: measured 2.5x slower builds in a second copy of this module).
{
  const w = new Value(0.5);
  w.mul(w).add(2).pow(3).sub(w).div(2).neg().tanh().add(Value.custom(1, [w], [0.5])).backward();
}
