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

// A Value.custom node keeps its parents and their local derivatives in `_b`.
interface CustomRule { readonly parents: readonly Value[]; readonly partials: readonly number[] }


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
  /**
   * @internal The second operand: a Value, or the constant of a pow or *K node. One
   * slot for both keeps a node at two boxed doubles (data, grad) instead of three,
   * which matters when a graph holds a million of them.
   */
  _b: Value | number | CustomRule | null;
  /** @internal last backward pass that visited this node */
  _mark = 0;

  constructor(data: number) {
    if (typeof data !== 'number') throw new TypeError(`Value: expected a number, got ${describeArg(data)}`);
    this.data = data;
    this._code = Op.Leaf;
    this._a = null;
    this._b = null;
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
    v._b = { parents: parents.slice(), partials: partials.slice() };
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
    const order = topoOrder(this);
    for (let i = 0; i < order.length; i++) if (order[i]._code !== Op.Leaf) order[i].grad = 0;
    this.grad += 1;
    // One loop with the rules inline: a separate per-node function was sometimes left
    // unoptimised by V8, and then every double it touched was boxed on the heap.
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i];
      const g = v.grad;
      const a = v._a as Value;
      const b = v._b as Value; // only read by the two-Value codes
      const k = v._b as number; // only read by pow and the *K codes
      switch (v._code) {
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
        case Op.Exp: a.grad += g * v.data; break;
        case Op.Log: a.grad += g / a.data; break;
        case Op.Relu: if (reluPasses(a.data)) a.grad += g; break;
        case Op.Tanh: a.grad += g * (1 - v.data * v.data); break;
        case Op.Sigmoid: a.grad += g * v.data * (1 - v.data); break;
        case Op.Custom: {
          const r = v._b as unknown as CustomRule;
          for (let j = 0; j < r.parents.length; j++) r.parents[j].grad += g * r.partials[j];
          break;
        }
      }
    }
  }

  /** `Value(data=…, grad=…)` */
  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

// Iterative post-order depth-first search. A node's mark says where it is in the
// current pass: below `base` unvisited, `base + 1` expanded (its inputs are being
// visited), `base + 2` done (emitted). A node is emitted only after all its inputs, even
// when it was first pushed by one parent and reached again, deeper, through another:
// it is then pushed again and the stale copy is skipped.
function operand(op: string, o: unknown): Value {
  if (!(o instanceof Value)) throw new TypeError(`Value.${op}: expected a Value or a number, got ${describeArg(o)}`);
  return o;
}

function topoOrder(root: Value): Value[] {
  const base = nextEpoch();
  const expanded = base + 1, done = base + 2;
  const order: Value[] = [];
  const stack: Value[] = [root];
  while (stack.length > 0) {
    const v = stack[stack.length - 1];
    if (v._mark === done) {
      stack.pop();
    } else if (v._mark === expanded) {
      stack.pop();
      v._mark = done;
      order.push(v);
    } else {
      v._mark = expanded;
      const a = v._a, b = v._b;
      if (v._code === Op.Custom) {
        const ps = (b as CustomRule).parents;
        for (let j = ps.length - 1; j >= 0; j--) if (ps[j]._mark < expanded) stack.push(ps[j]);
        continue;
      }
      if (b !== null && typeof b !== 'number' && (b as Value)._mark < expanded) stack.push(b as Value);
      if (a !== null && a._mark < expanded) stack.push(a);
    }
  }
  return order;
}


// V8 gives each field the narrowest representation it has seen. `grad` starts as the
// small integer 0 and later holds doubles; if that widening happens after a million
// nodes exist, each one is migrated to a new hidden class on its next access, which
// made the first backward pass ~10x slower. Widening the fields once here, while only
// this one object exists, makes every later Value start with double fields.
const warm = new Value(0.5);
warm.grad = 0.5;

// The brand lives on the prototype, not on each node: same check, one field less.
Object.defineProperty(Value.prototype, VALUE_BRAND, { value: true });
