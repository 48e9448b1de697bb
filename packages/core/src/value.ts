import { VALUE_BRAND, hasBrand } from './brand';

// Op codes, so backward is one switch instead of a closure per node: a million-node
// graph then costs a million small objects, not two million.
const enum Op { Leaf, Add, Mul, Pow, Neg, Abs, Exp, Log, Relu, Tanh, Sigmoid, Div, Sub }
const OP_NAMES = ['', '+', '*', '**', 'neg', 'abs', 'exp', 'log', 'ReLU', 'tanh', 'sigmoid', '/', '-'];

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
  /** The number this node holds. */
  data: number;
  /** d(root)/d(this) after `root.backward()`. */
  grad = 0;
  /** @internal */
  _code: Op;
  /** @internal */
  _a: Value | null;
  /** @internal */
  _b: Value | null;
  /** @internal exponent of a pow node */
  _k: number;
  /** @internal */
  readonly [VALUE_BRAND] = true;

  constructor(data: number) {
    if (typeof data !== 'number') throw new TypeError(`Value: expected a number, got ${data === null ? 'null' : typeof data}`);
    this.data = data;
    this._code = Op.Leaf;
    this._a = null;
    this._b = null;
    this._k = 0;
  }

  /** Recognises Values made by any loaded copy of this package (CommonJS or ESM). */
  static [Symbol.hasInstance](x: unknown): boolean {
    return hasBrand(x, VALUE_BRAND);
  }

  /** The op that produced this node (`''` for a leaf), e.g. `'+'`, `'*'`, `'tanh'`. */
  get op(): string {
    return OP_NAMES[this._code];
  }

  /** The nodes this one was computed from. */
  get prev(): readonly Value[] {
    return this._a === null ? [] : this._b === null ? [this._a] : [this._a, this._b];
  }

  private static node(data: number, code: Op, a: Value, b: Value | null): Value {
    const v = new Value(data);
    v._code = code;
    v._a = a;
    v._b = b;
    return v;
  }

  /** `this + o` */
  add(o: Value | number): Value {
    const b = lift(o);
    return Value.node(this.data + b.data, Op.Add, this, b);
  }
  /** `this - o` */
  sub(o: Value | number): Value {
    const b = lift(o);
    return Value.node(this.data - b.data, Op.Sub, this, b);
  }
  /** `this * o` */
  mul(o: Value | number): Value {
    const b = lift(o);
    return Value.node(this.data * b.data, Op.Mul, this, b);
  }
  /** `this / o`; IEEE-754 division (1/0 is Infinity), unlike the original, which returned 0. */
  div(o: Value | number): Value {
    const b = lift(o);
    return Value.node(this.data / b.data, Op.Div, this, b);
  }
  /** `this ** k` for a constant exponent. */
  pow(k: number): Value {
    if (typeof k !== 'number') throw new TypeError('Value.pow: the exponent must be a number');
    const v = Value.node(Math.pow(this.data, k), Op.Pow, this, null);
    v._k = k;
    return v;
  }
  /** `-this` */
  neg(): Value { return Value.node(-this.data, Op.Neg, this, null); }
  /** `|this|` (gradient 0 at 0) */
  abs(): Value { return Value.node(Math.abs(this.data), Op.Abs, this, null); }
  /** `e^this` */
  exp(): Value { return Value.node(Math.exp(this.data), Op.Exp, this, null); }
  /** `ln this` */
  log(): Value { return Value.node(Math.log(this.data), Op.Log, this, null); }
  /** `max(this, 0)` */
  relu(): Value { return Value.node(this.data > 0 ? this.data : 0, Op.Relu, this, null); }
  /** `tanh(this)` via `Math.tanh` (no overflow for large inputs). */
  tanh(): Value { return Value.node(Math.tanh(this.data), Op.Tanh, this, null); }
  /** `1 / (1 + e^-this)`, stable for large |x|. */
  sigmoid(): Value {
    const x = this.data;
    const s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    return Value.node(s, Op.Sigmoid, this, null);
  }

  /**
   * Sets this node's gradient to 1 and propagates to every node it depends on.
   * Leaves accumulate across calls; intermediate nodes are reset for each pass.
   */
  backward(): void {
    const order = topoOrder(this);
    for (let i = 0; i < order.length; i++) if (order[i]._code !== Op.Leaf) order[i].grad = 0;
    this.grad += 1;
    for (let i = order.length - 1; i >= 0; i--) propagate(order[i]);
  }

  /** `Value(data=…, grad=…)` */
  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

function lift(o: Value | number): Value {
  return typeof o === 'number' ? new Value(o) : o;
}

// Iterative post-order DFS; each node has at most two parents, so one flag per slot
// ("parents pushed yet?") is all the state the stack needs.
function topoOrder(root: Value): Value[] {
  const order: Value[] = [];
  const seen = new Set<Value>();
  const stack: Value[] = [root];
  const expanded: boolean[] = [false];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack.length - 1;
    const v = stack[top];
    if (expanded[top]) {
      order.push(v);
      stack.pop();
      expanded.pop();
      continue;
    }
    expanded[top] = true;
    const a = v._a, b = v._b;
    if (b !== null && !seen.has(b)) { seen.add(b); stack.push(b); expanded.push(false); }
    if (a !== null && !seen.has(a)) { seen.add(a); stack.push(a); expanded.push(false); }
  }
  return order;
}

function propagate(v: Value): void {
  const g = v.grad;
  const a = v._a as Value, b = v._b as Value;
  switch (v._code) {
    case Op.Leaf: return;
    case Op.Add: a.grad += g; b.grad += g; return;
    case Op.Sub: a.grad += g; b.grad -= g; return;
    case Op.Mul: a.grad += g * b.data; b.grad += g * a.data; return;
    case Op.Div: a.grad += g / b.data; b.grad -= (g * (a.data / b.data)) / b.data; return;
    case Op.Pow: if (v._k !== 0) a.grad += g * v._k * Math.pow(a.data, v._k - 1); return;
    case Op.Neg: a.grad -= g; return;
    case Op.Abs: a.grad += a.data > 0 ? g : a.data < 0 ? -g : 0; return;
    case Op.Exp: a.grad += g * v.data; return;
    case Op.Log: a.grad += g / a.data; return;
    case Op.Relu: if (a.data > 0) a.grad += g; return;
    case Op.Tanh: a.grad += g * (1 - v.data * v.data); return;
    case Op.Sigmoid: a.grad += g * v.data * (1 - v.data); return;
  }
}
