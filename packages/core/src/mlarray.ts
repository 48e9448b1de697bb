import { MLARRAY_BRAND, hasBrand } from './brand';
import { ShapeError, fmtShape } from './errors';
import { formatArray } from './format';
import { isGradEnabled } from './grad-mode';
import { type Nested, parseNested, toNested } from './nested';
import { checkShape, normalizeAxis, sameShape, sizeOf, stridesOf } from './shape';
import { runBackward } from './autograd';
import * as arith from './ops/arithmetic';
import * as minmax from './ops/minmax';
import * as unary from './ops/unary';
import { matmul } from './ops/matmul';
import { transpose } from './ops/transpose';
import { reshape } from './ops/reshape';
import * as reduce from './ops/reduce';

/** Options accepted wherever an array is created. */
export interface ArrayOptions {
  /** Whether gradients flow into this array. Leaves default to `true`, as in the original SmolML. */
  requiresGrad?: boolean;
}

/** Propagates the output gradient `g` into the parents' gradient buffers. */
export type BackwardFn = (g: Float64Array) => void;

/** The typed arrays a node's backward rule keeps alive beyond its inputs and output. */
export type SavedBuffers = readonly ArrayBufferView[];

const NONE: SavedBuffers = Object.freeze([]);

// Set by `wrap` just before `new MLArray(...)`, so internal construction can hand over
// a buffer without copying while the public constructor keeps its simple signature.
let pending: { data: Float64Array; shape: readonly number[] } | null = null;

/**
 * An n-dimensional array of float64 numbers that records the operations applied to it
 * and computes gradients by reverse-mode automatic differentiation.
 *
 * Storage is one contiguous row-major `Float64Array` (`data`) plus a `shape`. Each op
 * returns a new array that remembers its inputs and one backward function for the
 * whole op; `backward()` walks that graph in reverse topological order.
 *
 * @example
 * const w = new MLArray([[1, 2], [3, 4]]);
 * const loss = w.mul(w).sum();   // Σ w²
 * loss.backward();
 * w.grad?.toList();              // [[2, 4], [6, 8]]
 */
export class MLArray {
  /** Row-major element storage. Writing to it changes the array in place. */
  readonly data: Float64Array;
  /** The length of each dimension; `[]` for a 0-d (scalar) array. */
  readonly shape: readonly number[];
  /** Number of elements. */
  readonly size: number;
  /** Whether gradients are computed for this array. */
  requiresGrad: boolean;
  /** @internal gradient buffer, allocated on first use */
  _grad: Float64Array | null = null;
  /** @internal */
  _gradView: MLArray | null = null;
  /** @internal */
  _prev: readonly MLArray[] = [];
  /** @internal */
  _backward: BackwardFn | null = null;
  /** @internal */
  _op = '';
  /** @internal traversal stamp of the latest backward pass */
  _mark = 0;
  /** @internal buffers the op's backward keeps beyond its inputs and output */
  _saved: readonly ArrayBufferView[] = NONE;
  /** @internal */
  readonly [MLARRAY_BRAND] = true;

  /**
   * Builds an array from a number (0-d) or nested arrays of numbers. Ragged or
   * non-numeric input is rejected with the path of the bad element.
   */
  constructor(data: Nested, options: ArrayOptions = {}) {
    if (pending !== null) {
      this.data = pending.data;
      this.shape = pending.shape;
      pending = null;
    } else {
      const parsed = parseNested(data);
      this.data = parsed.data;
      this.shape = Object.freeze(parsed.shape);
    }
    this.size = this.data.length;
    this.requiresGrad = options.requiresGrad ?? true;
  }

  /** Recognises arrays made by any loaded copy of this package (CommonJS or ESM). */
  static [Symbol.hasInstance](x: unknown): boolean {
    return hasBrand(x, MLARRAY_BRAND);
  }

  /**
   * An array of `shape` holding a copy of `data` (row-major).
   * @example MLArray.from(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3])
   */
  static from(data: ArrayLike<number>, shape: readonly number[], options: ArrayOptions = {}): MLArray {
    checkShape('MLArray.from', shape);
    if (sizeOf(shape) !== data.length) {
      throw new ShapeError('MLArray.from', `${data.length} values cannot fill shape ${fmtShape(shape)} (${sizeOf(shape)} elements)`, [shape]);
    }
    return wrap(Float64Array.from(data), shape, options.requiresGrad ?? true);
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The accumulated gradient (same shape), or `null` before any gradient has reached this array. */
  get grad(): MLArray | null {
    if (this._grad === null) return null;
    if (this._gradView === null || this._gradView.data !== this._grad) {
      this._gradView = wrap(this._grad, this.shape, false);
    }
    return this._gradView;
  }

  /**
   * The raw gradient buffer (same layout as `data`), or `null` before any gradient has
   * reached this array. Unlike {@link grad} it never allocates, so tools that measure
   * memory can read it without changing what they measure.
   */
  get gradData(): Float64Array | null {
    return this._grad;
  }

  /**
   * The typed arrays this array's backward rule keeps alive beyond its inputs and its
   * output (broadcast copies of an operand, the means kept by `std`, a transpose's
   * index). Empty for leaves and after `restart()`. For memory accounting.
   */
  get savedBuffers(): readonly ArrayBufferView[] {
    return this._saved;
  }

  /** The op that produced this array (`''` for a leaf or after `restart()`). */
  get op(): string {
    return this._op;
  }

  /** The arrays this one was computed from (empty for a leaf or after `restart()`). */
  get prev(): readonly MLArray[] {
    return this._prev;
  }

  /** Elementwise `this + o`, with numpy broadcasting. */
  add(o: MLArray | number): MLArray { return arith.add(this, o); }
  /** Elementwise `this - o`, with numpy broadcasting. */
  sub(o: MLArray | number): MLArray { return arith.sub(this, o); }
  /** Elementwise `this * o`, with numpy broadcasting. */
  mul(o: MLArray | number): MLArray { return arith.mul(this, o); }
  /** Elementwise `this / o`, with numpy broadcasting; division by zero gives ±Infinity or NaN (IEEE-754). */
  div(o: MLArray | number): MLArray { return arith.div(this, o); }
  /** Elementwise `this ** o`, with numpy broadcasting. */
  pow(o: MLArray | number): MLArray { return arith.pow(this, o); }
  /** Elementwise larger of `this` and `o`; on ties the gradient is split in half, as in PyTorch. */
  maximum(o: MLArray | number): MLArray { return minmax.maximum(this, o); }
  /** Elementwise smaller of `this` and `o`; on ties the gradient is split in half, as in PyTorch. */
  minimum(o: MLArray | number): MLArray { return minmax.minimum(this, o); }

  /** `-x` */
  neg(): MLArray { return unary.neg(this); }
  /** `|x|` (gradient `sign(x)`, 0 at 0) */
  abs(): MLArray { return unary.abs(this); }
  /** `e^x` */
  exp(): MLArray { return unary.exp(this); }
  /** Natural log; `log(0) = -Infinity`, negative input gives NaN. */
  log(): MLArray { return unary.log(this); }
  /** `√x` */
  sqrt(): MLArray { return unary.sqrt(this); }
  /** `max(x, 0)` (gradient 0 at 0, as in PyTorch) */
  relu(): MLArray { return unary.relu(this); }
  /** `tanh(x)`, computed with `Math.tanh` so it saturates instead of overflowing. */
  tanh(): MLArray { return unary.tanh(this); }
  /** `1 / (1 + e^-x)`, stable for any finite x. */
  sigmoid(): MLArray { return unary.sigmoid(this); }
  /** Clamps to `[min, max]`; the gradient passes where `min <= x <= max`, as in PyTorch. */
  clip(min: number, max: number): MLArray { return unary.clip(this, min, max); }

  /**
   * Matrix product with `numpy.matmul` semantics: 1-D operands are promoted to a row
   * (left) or column (right) vector and the added dimension removed; dimensions before
   * the last two are batch dimensions and broadcast.
   */
  matmul(o: MLArray): MLArray { return matmul(this, o); }
  /** Permutes the axes; by default reverses them (`x.transpose()` of a matrix is xᵀ). */
  transpose(axes?: readonly number[]): MLArray { return transpose(this, axes); }
  /**
   * The same elements in a new shape (one dimension may be `-1`, inferred). Accepts
   * `reshape(2, 3)` or `reshape([2, 3])`. The result shares `data` with this array.
   */
  reshape(...shape: number[] | [readonly number[]]): MLArray {
    const dims = (Array.isArray(shape[0]) ? shape[0] : shape) as readonly number[];
    return reshape(this, dims);
  }

  /** Sum over `axis` (negative counts from the end; `null`, the default, sums everything). */
  sum(axis: number | null = null, keepdims = false): MLArray { return reduce.sum(this, axis, keepdims); }
  /** Mean over `axis` (all elements by default). */
  mean(axis: number | null = null, keepdims = false): MLArray { return reduce.mean(this, axis, keepdims); }
  /** Maximum over `axis`; tied maxima share the gradient equally. */
  max(axis: number | null = null, keepdims = false): MLArray { return reduce.max(this, axis, keepdims); }
  /** Minimum over `axis`; tied minima share the gradient equally. */
  min(axis: number | null = null, keepdims = false): MLArray { return reduce.min(this, axis, keepdims); }
  /** Population standard deviation (ddof 0) over `axis`: `sqrt(mean((x - mean(x))²))`. */
  std(axis: number | null = null, keepdims = false): MLArray { return reduce.std(this, axis, keepdims); }
  /** Index of the largest element along `axis` (first one on ties); not differentiable. */
  argmax(axis: number | null = null, keepdims = false): MLArray { return reduce.argmax(this, axis, keepdims); }

  /**
   * The element at `index` (one integer per dimension; negative counts from the end).
   * @example new MLArray([[1, 2], [3, 4]]).get(-1, 0) // 3
   */
  get(...index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new RangeError(`get: expected ${this.shape.length} indices for shape ${fmtShape(this.shape)}, got ${index.length}`);
    }
    const strides = stridesOf(this.shape);
    let flat = 0;
    for (let d = 0; d < index.length; d++) {
      const n = this.shape[d];
      let i = index[d];
      if (!Number.isInteger(i) || i < -n || i >= n) {
        throw new RangeError(`get: index ${i} is out of range for dimension ${d} of shape ${fmtShape(this.shape)}`);
      }
      if (i < 0) i += n;
      flat += i * strides[d];
    }
    return this.data[flat];
  }

  /** Nested JavaScript arrays (a plain number for a 0-d array). */
  toList(): Nested {
    return toNested(this.data, this.shape);
  }

  /** The single element of a one-element array. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError('item', `only one-element arrays can be converted to a number, got shape ${fmtShape(this.shape)}`, [this.shape]);
    }
    return this.data[0];
  }

  /** numpy-style text: aligned values and the shape, summarised past 1000 elements. */
  toString(): string {
    return formatArray(this.data, this.shape);
  }

  /**
   * Backpropagates from this array. Without `grad`, a non-scalar array is summed first
   * (its seed gradient is all ones), as in the original SmolML. Leaf gradients
   * accumulate until {@link zeroGrad}; gradients of intermediate arrays hold the
   * latest pass only.
   */
  backward(grad?: MLArray): void {
    if (!this.requiresGrad) {
      throw new Error('backward: this array does not require grad (it was made with requiresGrad: false, detached, or inside noGrad)');
    }
    let seed: Float64Array;
    if (grad === undefined) {
      seed = new Float64Array(this.size).fill(1);
    } else {
      if (!sameShape(grad.shape, this.shape)) {
        throw new ShapeError('backward', `gradient of shape ${fmtShape(grad.shape)} does not match the array's shape ${fmtShape(this.shape)}`, [this.shape, grad.shape]);
      }
      seed = grad.data;
    }
    runBackward(this, seed);
  }

  /** Sets this array's gradient to zero (the buffer is kept). */
  zeroGrad(): void {
    if (this._grad !== null) this._grad.fill(0);
  }

  /** A new leaf sharing this array's data, cut from the graph, with `requiresGrad: false`. */
  detach(): MLArray {
    return wrap(this.data, this.shape, false);
  }

  /** Zeroes the gradient and forgets how this array was computed (it becomes a leaf). */
  restart(): this {
    this.zeroGrad();
    this._prev = [];
    this._backward = null;
    this._op = '';
    this._saved = NONE;
    return this;
  }
}

/** @internal Wraps an existing buffer without copying. */
export function wrap(data: Float64Array, shape: readonly number[], requiresGrad: boolean): MLArray {
  pending = { data, shape: Object.isFrozen(shape) ? shape : Object.freeze(shape.slice()) };
  return new MLArray(0, { requiresGrad });
}

/**
 * @internal The result of an op: records `parents` and `backward` when grad mode is on
 * and some parent needs a gradient; otherwise a plain array with nothing recorded.
 */
export function record(
  op: string,
  data: Float64Array,
  shape: readonly number[],
  parents: readonly MLArray[],
  backward: BackwardFn,
  saved: readonly ArrayBufferView[] = NONE,
): MLArray {
  let needs = false;
  if (isGradEnabled()) {
    for (let i = 0; i < parents.length; i++) if (parents[i].requiresGrad) { needs = true; break; }
  }
  const out = wrap(data, shape, needs);
  if (needs) {
    out._prev = parents;
    out._backward = backward;
    out._op = op;
    out._saved = saved;
  }
  return out;
}

/** @internal The gradient buffer of `a` (allocated on first use), or null if `a` needs none. */
export function gradOf(a: MLArray): Float64Array | null {
  if (!a.requiresGrad) return null;
  if (a._grad === null) a._grad = new Float64Array(a.size);
  return a._grad;
}

/** @internal Coerces a number operand to a 0-d array that needs no gradient. */
export function asArray(x: MLArray | number): MLArray {
  return typeof x === 'number' ? wrap(new Float64Array([x]), [], false) : x;
}

/** @internal */
export function axisArg(op: string, axis: number | null, ndim: number): number | null {
  return axis === null || axis === undefined ? null : normalizeAxis(op, axis, ndim);
}
