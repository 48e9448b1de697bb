import { MLARRAY_BRAND, hasBrand } from './brand';
import { ShapeError, describeArg, fmtShape } from './errors';
import { type DType, type FloatArray, checkDType, defaultDType, dtypeOfStorage } from './dtype';
import { alloc, checkSize } from './alloc';
import { astype } from './ops/astype';
import { formatArray } from './format';
import { isGradEnabled } from './grad-mode';
import { type Nested, parseNested, toNested } from './nested';
import { MAX_DIMS, checkShape, normalizeAxis, sameShape, sizeOf, stridesOf } from './shape';
import { runBackward } from './autograd';
import * as ops from './ops/dispatch';

/** Options accepted wherever an array is created. */
export interface ArrayOptions {
  /** Whether gradients flow into this array. Leaves default to `true`, as in the original SmolML. */
  requiresGrad?: boolean;
  /** The element type; {@link defaultDType} (`'float64'` unless changed) when omitted. */
  dtype?: DType;
}

/** Propagates the output gradient `g` (in the output's dtype) into the parents' gradient buffers. */
export type BackwardFn = (g: FloatArray) => void;

/** The typed arrays a node's backward rule keeps alive beyond its inputs and output. */
export type SavedBuffers = readonly ArrayBufferView[];

const NONE: SavedBuffers = Object.freeze([]);

// The one construction path for arrays made by core itself: the public constructor
// recognises this module-private token and adopts the buffer without copying. Every
// MLArray, public or internal, is built by the same constructor with the same fields
// in the same order, so V8 keeps them on one hidden class and the ops stay monomorphic.
const ADOPT: unique symbol = Symbol('smolml.adopt');

/**
 * An n-dimensional array of float64 (or float32) numbers that records the operations
 * applied to it and computes gradients by reverse-mode automatic differentiation.
 *
 * Storage is one contiguous row-major typed array (`data`) plus a `shape`. Each op
 * returns a new array that remembers its inputs and one backward function for the
 * whole op; `backward()` walks that graph in reverse topological order.
 *
 * **Leaves require grad by default** (as in the original SmolML): data you only read,
 * such as inputs and labels, is best made with `{ requiresGrad: false }`, or every op on
 * it records a graph and allocates gradient buffers you never use.
 *
 * @example
 * const w = new MLArray([[1, 2], [3, 4]]);
 * const loss = w.mul(w).sum();   // Σ w²
 * loss.backward();
 * w.grad?.toList();              // [[2, 4], [6, 8]]
 */
export class MLArray {
  /**
   * Row-major element storage (`Float64Array` or `Float32Array`, see {@link dtype}).
   * Writing to it changes the array in place.
   *
   * **In-place writes and autograd.** The ops that recorded this array's uses read
   * `data` again when `backward()` runs. Writing `data` between the forward pass and
   * `backward()` therefore gives gradients that belong to neither the old nor the new
   * values, without any warning (PyTorch raises on such writes; SmolML cannot see
   * them). The safe pattern: change parameters only after `backward()` (as optimizers
   * do), or {@link detach} / copy first, or call {@link restart} to drop the graph.
   */
  readonly data: FloatArray;
  /** The length of each dimension; `[]` for a 0-d (scalar) array. */
  readonly shape: readonly number[];
  /** Number of elements. */
  readonly size: number;
  /** The element type: `'float64'` (the default) or `'float32'`. */
  readonly dtype: DType;
  /** Whether gradients are computed for this array. */
  requiresGrad: boolean;
  /** @internal gradient buffer, allocated on first use */
  _grad: FloatArray | null;
  /** @internal */
  _prev: readonly MLArray[];
  /** @internal */
  _backward: BackwardFn | null;
  /** @internal */
  _op: string;
  /** @internal traversal stamp of the latest backward pass */
  _mark: number;
  /** @internal buffers the op's backward keeps beyond its inputs and output */
  _saved: SavedBuffers;

  /**
   * Builds an array from a number (0-d) or nested arrays of numbers. Ragged or
   * non-numeric input is rejected with the path of the bad element.
   *
   * @example new MLArray([[1, 2], [3, 4]], { requiresGrad: false, dtype: 'float32' })
   */
  constructor(data: Nested, options?: ArrayOptions);
  /** @internal adopts `storage` without copying (core's own construction path) */
  constructor(token: typeof ADOPT, storage: FloatArray, shape: readonly number[], requiresGrad: boolean);
  constructor(data: Nested | typeof ADOPT, a?: ArrayOptions | FloatArray, b?: readonly number[], c?: boolean) {
    if (data === ADOPT) {
      const storage = a as FloatArray;
      this.data = storage;
      this.shape = b as readonly number[];
      this.size = storage.length;
      this.dtype = storage instanceof Float32Array ? 'float32' : 'float64';
      this.requiresGrad = c as boolean;
    } else {
      const options = checkOptions<ArrayOptions>('MLArray', a);
      const dtype = options.dtype === undefined ? defaultDType() : checkDType('MLArray', options.dtype);
      const parsed = parseNested(data, dtype);
      this.data = parsed.data;
      this.shape = Object.freeze(parsed.shape);
      this.size = parsed.data.length;
      this.dtype = dtype;
      this.requiresGrad = requiresGradOption('MLArray', options, true);
    }
    this._grad = null;
    this._prev = NONE_ARRAYS;
    this._backward = null;
    this._op = '';
    this._mark = 0;
    this._saved = NONE;
  }

  /** Recognises arrays made by any loaded copy of this package (CommonJS or ESM). */
  static [Symbol.hasInstance](x: unknown): boolean {
    return isMLArray(x);
  }

  /**
   * An array of `shape` holding a copy of `data` (row-major). A `Float32Array` keeps
   * float32 and a `Float64Array` float64 unless `options.dtype` says otherwise; any other
   * input (a plain array, an integer typed array) takes {@link defaultDType}. Every
   * element must be a number: strings, booleans, null and holes are a TypeError.
   *
   * @example MLArray.from(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3])
   */
  static from(data: ArrayLike<number>, shape: readonly number[], options?: ArrayOptions): MLArray {
    const opts = checkOptions<ArrayOptions>('MLArray.from', options);
    checkShape('MLArray.from', shape);
    const typed = dtypeOfStorage(data);
    const dtype = opts.dtype !== undefined ? checkDType('MLArray.from', opts.dtype) : typed ?? defaultDType();
    if (data === null || typeof data !== 'object' || typeof (data as ArrayLike<number>).length !== 'number') {
      throw new TypeError(`MLArray.from: expected an array or typed array of numbers, got ${describeArg(data)}`);
    }
    const size = sizeOf(shape);
    checkSize('MLArray.from', size, shape, dtype);
    if (size !== data.length) {
      throw new ShapeError('MLArray.from', `${data.length} values cannot fill shape ${fmtShape(shape)} (${size} elements)`, [shape]);
    }
    const out = alloc(dtype, size);
    if (typed !== null || ArrayBuffer.isView(data)) {
      if (!(typed !== null || isNumericView(data))) throw new TypeError(`MLArray.from: ${describeArg(data)} does not hold numbers`);
      out.set(data as Float64Array);
    } else {
      for (let i = 0; i < size; i++) {
        const v: unknown = data[i];
        if (typeof v !== 'number') throw new TypeError(`MLArray.from: element ${i} is ${describeArg(v)}, expected a number`);
        out[i] = v;
      }
    }
    return wrap(out, freezeShape(shape), requiresGradOption('MLArray.from', opts, true));
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The accumulated gradient (same shape), or `null` before any gradient has reached this array. */
  get grad(): MLArray | null {
    // A fresh view over the gradient buffer on every read: nothing to cache means
    // nothing hidden for memory tools to count.
    return this._grad === null ? null : wrap(this._grad, this.shape, false);
  }

  /**
   * The raw gradient buffer (same layout as `data`), or `null` before any gradient has
   * reached this array. Unlike {@link grad} it never allocates, so tools that measure
   * memory can read it without changing what they measure.
   */
  get gradData(): FloatArray | null {
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
  add(o: MLArray | number): MLArray { return ops.binary('add', this, o); }
  /** Elementwise `this - o`, with numpy broadcasting. */
  sub(o: MLArray | number): MLArray { return ops.binary('sub', this, o); }
  /** Elementwise `this * o`, with numpy broadcasting. */
  mul(o: MLArray | number): MLArray { return ops.binary('mul', this, o); }
  /** Elementwise `this / o`, with numpy broadcasting; division by zero gives ±Infinity or NaN (IEEE-754). */
  div(o: MLArray | number): MLArray { return ops.binary('div', this, o); }
  /** Elementwise `this ** o`, with numpy broadcasting. */
  pow(o: MLArray | number): MLArray { return ops.binary('pow', this, o); }
  /** Elementwise larger of `this` and `o`; on ties the gradient is split in half, as in PyTorch. */
  maximum(o: MLArray | number): MLArray { return ops.extremum('maximum', this, o); }
  /** Elementwise smaller of `this` and `o`; on ties the gradient is split in half, as in PyTorch. */
  minimum(o: MLArray | number): MLArray { return ops.extremum('minimum', this, o); }

  /** `-x` */
  neg(): MLArray { return ops.unary('neg', this); }
  /** `|x|` (gradient `sign(x)`, 0 at 0) */
  abs(): MLArray { return ops.unary('abs', this); }
  /** `e^x` */
  exp(): MLArray { return ops.unary('exp', this); }
  /** Natural log; `log(0) = -Infinity`, negative input gives NaN. */
  log(): MLArray { return ops.unary('log', this); }
  /** `√x` */
  sqrt(): MLArray { return ops.unary('sqrt', this); }
  /** `max(x, 0)` (gradient 0 at 0, as in PyTorch) */
  relu(): MLArray { return ops.unary('relu', this); }
  /** `tanh(x)`, computed with `Math.tanh` so it saturates instead of overflowing. */
  tanh(): MLArray { return ops.unary('tanh', this); }
  /** `1 / (1 + e^-x)`, stable for any finite x. */
  sigmoid(): MLArray { return ops.unary('sigmoid', this); }
  /** Clamps to `[min, max]`; the gradient passes where `min <= x <= max`, as in PyTorch. */
  clip(min: number, max: number): MLArray { return ops.clip(this, min, max); }

  /**
   * Matrix product with `numpy.matmul` semantics: 1-D operands are promoted to a row
   * (left) or column (right) vector and the added dimension removed; dimensions before
   * the last two are batch dimensions and broadcast.
   */
  matmul(o: MLArray): MLArray { return ops.matmul(this, o); }
  /** Permutes the axes; by default reverses them (`x.transpose()` of a matrix is xᵀ). */
  transpose(axes?: readonly number[]): MLArray { return ops.transpose(this, axes); }
  /**
   * The same elements in a new shape (one dimension may be `-1`, inferred). Accepts
   * `reshape(2, 3)` or `reshape([2, 3])`. The result shares `data` with this array.
   */
  reshape(...shape: number[] | [readonly number[]]): MLArray {
    const dims = (Array.isArray(shape[0]) ? shape[0] : shape) as readonly number[];
    return ops.reshape(this, dims);
  }

  /** Sum over `axis` (negative counts from the end; `null`, the default, sums everything). */
  sum(axis: number | null = null, keepdims = false): MLArray { return ops.reduce('sum', this, axis, keepdims); }
  /** Mean over `axis` (all elements by default). */
  mean(axis: number | null = null, keepdims = false): MLArray { return ops.reduce('mean', this, axis, keepdims); }
  /** Maximum over `axis`; tied maxima share the gradient equally. */
  max(axis: number | null = null, keepdims = false): MLArray { return ops.reduce('max', this, axis, keepdims); }
  /** Minimum over `axis`; tied minima share the gradient equally. */
  min(axis: number | null = null, keepdims = false): MLArray { return ops.reduce('min', this, axis, keepdims); }
  /**
   * Standard deviation over `axis`: `sqrt(Σ(x − μ)² / (n − correction))`. The default
   * correction 0 is the population std of the original SmolML; 1 is PyTorch's default.
   */
  std(axis: number | null = null, keepdims = false, correction = 0): MLArray { return ops.moments('std', this, axis, keepdims, correction); }
  /** Variance over `axis`: `Σ(x − μ)² / (n − correction)` (correction 0 by default, as numpy's ddof). */
  var(axis: number | null = null, keepdims = false, correction = 0): MLArray { return ops.moments('var', this, axis, keepdims, correction); }
  /** `log Σ exp(x)` over `axis`, stable at ±1e4 (the max is subtracted first). */
  logsumexp(axis: number | null = null, keepdims = false): MLArray { return ops.reduce('logsumexp', this, axis, keepdims); }
  /** Product over `axis`; its gradient is exact with zeros present (the product of the other elements). */
  prod(axis: number | null = null, keepdims = false): MLArray { return ops.reduce('prod', this, axis, keepdims); }
  /** Running sums along `axis` (`out[i] = Σ_{j ≤ i} x[j]`), as `numpy.cumsum`. */
  cumsum(axis: number): MLArray { return ops.cumsum(this, axis); }
  /** Index of the largest element along `axis` (first one on ties); not differentiable. */
  argmax(axis: number | null = null, keepdims = false): MLArray { return ops.reduce('argmax', this, axis, keepdims); }

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
    return formatArray(this.data, this.shape, this.dtype);
  }

  /**
   * Backpropagates from this array. Without `grad`, a non-scalar array is summed first
   * (its seed gradient is all ones), as in the original SmolML. Leaf gradients
   * accumulate until {@link zeroGrad}; gradients of intermediate arrays hold the
   * latest pass only. Backward reads the `data` the forward pass saw: do not write
   * `data` of arrays in the graph between the two (see {@link data}).
   */
  backward(grad?: MLArray): void {
    if (!this.requiresGrad) {
      throw new Error('backward: this array does not require grad (it was made with requiresGrad: false, detached, or inside noGrad)');
    }
    const seed = alloc(this.dtype, this.size);
    if (grad === undefined) {
      seed.fill(1);
    } else {
      if (!(grad instanceof MLArray)) throw new TypeError(`backward: the seed gradient must be an MLArray, got ${describeArg(grad)}`);
      if (!sameShape(grad.shape, this.shape)) {
        throw new ShapeError('backward', `gradient of shape ${fmtShape(grad.shape)} does not match the array's shape ${fmtShape(this.shape)}`, [this.shape, grad.shape]);
      }
      seed.set(grad.data);
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

  /**
   * This array in `dtype`: the same array when it already has that dtype (as torch's
   * `.to`), else a rounded (float64 → float32) or widened copy. Differentiable: the
   * gradient is cast back.
   *
   * @example new MLArray([1.1]).astype('float32').data; // Float32Array [1.100000023841858]
   */
  astype(dtype: DType): MLArray {
    return astype(this, checkDType('astype', dtype));
  }

  // --- toolkit: indexing, joining, masks (ops/indexing/*) ---
  // --- end indexing ---

  // --- toolkit: elementwise, reductions (ops/*.f64.ts) ---
  /** `ln(1 + x)`, exact for tiny x (log1p(1e-10) keeps the digits `log(1 + x)` loses). */
  log1p(): MLArray { return ops.unary('log1p', this); }
  /** `e^x − 1`, exact for tiny x. */
  expm1(): MLArray { return ops.unary('expm1', this); }
  /** The error function `(2/√π)∫₀ˣ e^(−t²) dt`. */
  erf(): MLArray { return ops.unary('erf', this); }
  /** `1 − erf(x)`, with full relative precision far in the tail. */
  erfc(): MLArray { return ops.unary('erfc', this); }
  /** `sin x` */
  sin(): MLArray { return ops.unary('sin', this); }
  /** `cos x` */
  cos(): MLArray { return ops.unary('cos', this); }
  /** `x²` */
  square(): MLArray { return ops.unary('square', this); }
  /** `1 / x` */
  reciprocal(): MLArray { return ops.unary('reciprocal', this); }
  /** 1, -1 or 0 by sign (NaN and ±0 give 0, as PyTorch 1.13; numpy gives NaN for NaN). Zero gradient. */
  sign(): MLArray { return ops.unary('sign', this); }
  /** Rounds down. Zero gradient, as PyTorch. */
  floor(): MLArray { return ops.unary('floor', this); }
  /** Rounds up. Zero gradient, as PyTorch. */
  ceil(): MLArray { return ops.unary('ceil', this); }
  /** Rounds to the nearest integer, half to even as PyTorch (`round(2.5) = 2`), unlike `Math.round`. Zero gradient. */
  round(): MLArray { return ops.unary('round', this); }
  // --- end elementwise ---

  /** Zeroes the gradient and forgets how this array was computed (it becomes a leaf). */
  restart(): this {
    this.zeroGrad();
    this._prev = NONE_ARRAYS;
    this._backward = null;
    this._op = '';
    this._saved = NONE;
    return this;
  }
}

const NONE_ARRAYS: readonly MLArray[] = Object.freeze([]);

/**
 * The door's check on anything that claims to be an MLArray: the brand (shared by the
 * CommonJS and ESM copies of core) and storage that really is a float typed array as
 * long as the shape says. A forged object with a plain-array `data`, a short buffer or
 * a bogus shape is not an MLArray, so every op rejects it with a TypeError.
 */
export function isMLArray(x: unknown): x is MLArray {
  if (!hasBrand(x, MLARRAY_BRAND)) return false;
  const a = x as { data?: unknown; shape?: unknown; size?: unknown; requiresGrad?: unknown; _prev?: unknown };
  const d = a.data, shape = a.shape;
  if (!(d instanceof Float64Array || d instanceof Float32Array) || !Array.isArray(shape) || shape.length > MAX_DIMS) return false;
  if (typeof a.requiresGrad !== 'boolean' || !Array.isArray(a._prev)) return false;
  let n = 1;
  for (let i = 0; i < shape.length; i++) {
    const s: unknown = shape[i];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) return false;
    n *= s;
  }
  return n === d.length && a.size === n;
}

Object.defineProperty(MLArray.prototype, MLARRAY_BRAND, { value: true });

function isNumericView(x: unknown): boolean {
  return ArrayBuffer.isView(x) && !(x instanceof DataView) && !(x instanceof BigInt64Array) && !(x instanceof BigUint64Array);
}

function freezeShape(shape: readonly number[]): readonly number[] {
  return Object.isFrozen(shape) ? shape : Object.freeze(shape.slice());
}

/** @internal Checks an options argument: undefined or a plain object (null is a TypeError). */
export function checkOptions<T extends object>(op: string, options: T | undefined | unknown): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options) || isMLArray(options)) {
    throw new TypeError(`${op}: options must be an object like { requiresGrad: false }, got ${describeArg(options)}`);
  }
  return options as T;
}

/** @internal The `requiresGrad` option (a boolean when given), or `fallback`. */
export function requiresGradOption(op: string, options: ArrayOptions, fallback: boolean): boolean {
  const r: unknown = options.requiresGrad;
  if (r === undefined) return fallback;
  if (typeof r !== 'boolean') throw new TypeError(`${op}: requiresGrad must be true or false, got ${describeArg(r)}`);
  return r;
}

/** @internal The `dtype` option, or `fallback` (the default dtype unless given). */
export function dtypeOption(op: string, options: ArrayOptions, fallback: DType = defaultDType()): DType {
  return options.dtype === undefined ? fallback : checkDType(op, options.dtype);
}

/** @internal Wraps an existing buffer without copying; its dtype is the buffer's. */
export function wrap(data: FloatArray, shape: readonly number[], requiresGrad: boolean): MLArray {
  return new MLArray(ADOPT, data, freezeShape(shape), requiresGrad);
}

/**
 * @internal The door every node goes through. The result of an op: records `parents`,
 * `backward` and the buffers the backward keeps alive (`saved`) when grad mode is on
 * and some parent needs a gradient; otherwise a plain array with nothing recorded.
 */
export function record(
  op: string,
  data: FloatArray,
  shape: readonly number[],
  parents: readonly MLArray[],
  backward: BackwardFn,
  saved: SavedBuffers = NONE,
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

/**
 * @internal The gradient buffer of `a` (allocated on first use, in `a`'s dtype), or
 * null when `a` needs none, including when its `requiresGrad` was switched off after
 * the graph was recorded. Every backward rule checks for null.
 */
export function gradOf(a: MLArray): FloatArray | null {
  if (!a.requiresGrad) return null;
  if (a._grad === null) a._grad = alloc(a.dtype, a.size);
  return a._grad;
}

/** @internal */
export function axisArg(op: string, axis: number | null, ndim: number): number | null {
  return axis === null || axis === undefined ? null : normalizeAxis(op, axis, ndim);
}

/** @internal Checks the keepdims argument. */
export function keepdimsArg(op: string, keepdims: unknown): boolean {
  if (typeof keepdims !== 'boolean') throw new TypeError(`${op}: keepdims must be true or false, got ${describeArg(keepdims)}`);
  return keepdims;
}
