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
import { drop, refCount, release, retain } from './pool';
import { track } from './tidy';
import * as indexing from './ops/indexing';
import { type MLArrayJSON, arrayFromJSON, arrayToJSON } from './array-json';

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
  /** @internal set by dispose(): every later use is an Error */
  _disposed: boolean;

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
      // An exact-length copy: the parser's pushed array keeps spare capacity V8 never gives back.
      this.shape = Object.freeze(parsed.shape.slice());
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
    this._disposed = false;
    retain(this.data);
    track(this);
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
    live('get', this);
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

  /**
   * Nested JavaScript arrays (a plain number for a 0-d array). Say the shape you expect
   * without a cast: `a.toList<number[][]>()`.
   */
  toList<T extends Nested = Nested>(): T {
    live('toList', this);
    return toNested(this.data, this.shape) as T;
  }

  /**
   * Iterates over the first axis, as a PyTorch tensor or a jax-js array does: each item
   * is `slice(i)`, a copy one dimension smaller. A 0-d array has no first axis and is
   * not iterable (a TypeError, as in PyTorch).
   *
   * @example for (const row of new MLArray([[1, 2], [3, 4]])) row.toList(); // [1, 2], then [3, 4]
   */
  declare [Symbol.iterator]: () => IterableIterator<MLArray>;

  /** The single element of a one-element array. */
  item(): number {
    live('item', this);
    if (this.size !== 1) {
      throw new ShapeError('item', `only one-element arrays can be converted to a number, got shape ${fmtShape(this.shape)}`, [this.shape]);
    }
    return this.data[0];
  }

  /** numpy-style text: aligned values and the shape, summarised past 1000 elements. */
  toString(): string {
    if (this._disposed) return `MLArray(<disposed>, shape=${fmtShape(this.shape)}${this.dtype === 'float32' ? ', dtype=float32' : ''})`;
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
    live('backward', this);
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
    try {
      runBackward(this, seed);
    } finally {
      release(seed); // transient: only this call refers to it
    }
  }

  /** Sets this array's gradient to zero (the buffer is kept). */
  zeroGrad(): void {
    if (this._grad !== null) this._grad.fill(0);
  }

  /** A new leaf sharing this array's data, cut from the graph, with `requiresGrad: false`. */
  detach(): MLArray {
    live('detach', this);
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
    live('astype', this);
    return astype(this, checkDType('astype', dtype));
  }

  // --- toolkit: indexing, joining, masks (ops/indexing/*) ---
  /**
   * numpy basic indexing, one {@link indexing.SliceSpec | spec} per axis, spelled as
   * jax-js spells it: a number picks one index and drops the axis (negative counts from
   * the end); `[]` keeps the axis (Python's `:`); `[start]`, `[start, stop]` and
   * `[start, stop, step]` are Python's slice (null entries take the defaults, bounds
   * clamp, `step != 0`, a negative step walks backwards); `null` inserts a new axis of
   * length 1 (`np.newaxis`); axes without a spec are kept whole. The result is a copy
   * (storage has no strides): writing its data never writes back. The gradient lands
   * in the picked positions of a zero gradient.
   *
   * @example
   * const x = new MLArray([[1, 2, 3], [4, 5, 6]]);
   * x.slice([], [0, 2]).toList();        // x[:, 0:2]  → [[1, 2], [4, 5]]
   * x.slice(-1, [null, null, -1]).toList(); // x[-1, ::-1] → [6, 5, 4]
   * x.slice([], null).shape;             // x[:, None] → [2, 1, 3]
   */
  slice(...specs: indexing.SliceSpec[]): MLArray { return indexing.slice(this, specs); }
  /**
   * `numpy.take`: the entries at `indices` along `axis`, `out[..., t, ...] = a[..., idx[t], ...]`
   * with shape `a.shape[:axis] + indices.shape + a.shape[axis+1:]` (an embedding lookup:
   * `table.take(tokenIds)`). Indices are integers in `[-n, n)`; anything else is a
   * RangeError naming it and its position. A copy; the gradient scatter-adds, so a row
   * taken twice gets both gradients (as PyTorch's `index_select`/`embedding`).
   *
   * @example new MLArray([[1, 2], [3, 4], [5, 6]]).take([2, 0, 2]).toList(); // [[5, 6], [1, 2], [5, 6]]
   */
  take(indices: MLArray | ArrayLike<number>, axis = 0): MLArray { return indexing.take(this, indices, axis); }
  /**
   * `numpy.take_along_axis`: `out[i, j, k] = a[i, idx[i, j, k], k]` (for axis 1), with
   * `indices` of the same number of dimensions broadcast against `a` on the other axes
   * (PyTorch's `gather` is the non-broadcasting case). Indices are integers in `[-n, n)`.
   * A copy; the gradient scatter-adds.
   *
   * @example
   * const logits = new MLArray([[0.1, 0.9], [0.8, 0.2]]);
   * logits.takeAlongAxis(new MLArray([[1], [0]]), 1).toList(); // [[0.9], [0.8]]
   */
  takeAlongAxis(indices: MLArray, axis: number): MLArray { return indexing.takeAlongAxis(this, indices, axis); }
  /**
   * `torch.split`: pieces along `axis`. A number is the chunk size (the last piece may
   * be shorter); a list gives every piece's length and must sum to the axis length
   * (else a RangeError). Each piece is a copy with its own gradient path back here.
   *
   * @example arange(5).split(2).map((p) => p.toList()); // [[0, 1], [2, 3], [4]]
   */
  split(sizeOrSizes: number | readonly number[], axis = 0): MLArray[] { return indexing.split(this, sizeOrSizes, axis); }
  /** `this == o` elementwise (broadcasting) as 1/0 in the promoted dtype; data, never requires grad. @example new MLArray([1, 2]).eq(2).toList(); // [0, 1] */
  eq(o: MLArray | number): MLArray { return indexing.compare('eq', this, o); }
  /** `this != o` elementwise as 1/0 (true wherever a NaN is involved); never requires grad. @example new MLArray([1, 2]).ne(2).toList(); // [1, 0] */
  ne(o: MLArray | number): MLArray { return indexing.compare('ne', this, o); }
  /** `this > o` elementwise as 1/0 in the promoted dtype; never requires grad. @example new MLArray([1, 3]).gt(2).toList(); // [0, 1] */
  gt(o: MLArray | number): MLArray { return indexing.compare('gt', this, o); }
  /** `this >= o` elementwise as 1/0 in the promoted dtype; never requires grad. @example new MLArray([1, 2]).ge(2).toList(); // [0, 1] */
  ge(o: MLArray | number): MLArray { return indexing.compare('ge', this, o); }
  /** `this < o` elementwise as 1/0 in the promoted dtype; never requires grad. @example new MLArray([1, 3]).lt(2).toList(); // [1, 0] */
  lt(o: MLArray | number): MLArray { return indexing.compare('lt', this, o); }
  /** `this <= o` elementwise as 1/0 in the promoted dtype; never requires grad. @example new MLArray([2, 3]).le(2).toList(); // [1, 0] */
  le(o: MLArray | number): MLArray { return indexing.compare('le', this, o); }
  /**
   * Index of the smallest element along `axis` (the flat index when `axis` is null); the
   * first one on ties, the first NaN if any (numpy and PyTorch). Indices are float64
   * whatever the input's dtype; data, never requires grad.
   *
   * @example new MLArray([[3, 1, 1], [0, 2, 0]]).argmin(1).toList(); // [1, 0]
   */
  argmin(axis: number | null = null, keepdims = false): MLArray { return ops.reduce('argmin', this, axis, keepdims); }
  /**
   * Removes axes of length 1: all of them, or those named by `axis` (a number or a
   * list); naming an axis whose length is not 1 is a RangeError (numpy's rule; PyTorch
   * silently keeps it). Shares data with this array, as {@link reshape} does (the
   * layout is unchanged, so no copy is needed).
   *
   * @example zeros(2, 1, 3).squeeze().shape; // [2, 3]
   */
  squeeze(axis?: number | readonly number[]): MLArray { return indexing.squeeze(this, axis); }
  /**
   * Inserts an axis of length 1 at `axis` (in `[-(ndim + 1), ndim]`, as PyTorch). Shares
   * data with this array, as {@link reshape} does.
   *
   * @example zeros(2, 3).unsqueeze(-1).shape; // [2, 3, 1]
   */
  unsqueeze(axis: number): MLArray { return indexing.unsqueeze(this, axis); }
  /**
   * Merges axes `startAxis..endAxis` (inclusive, negatives from the end) into one, as
   * `torch.flatten` (a 0-d array becomes `[1]`). Shares data with this array, as
   * {@link reshape} does.
   *
   * @example zeros(2, 3, 4).flatten(1).shape; // [2, 12]
   */
  flatten(startAxis = 0, endAxis = -1): MLArray { return indexing.flatten(this, startAxis, endAxis); }
  /**
   * `numpy.broadcast_to`: this array repeated out to `shape` (numpy's rule: align on
   * the right; each axis equal or 1). A copy (numpy returns a read-only view; storage
   * here has no strides). The gradient sums back over the repeated axes.
   *
   * @example new MLArray([1, 2]).broadcastTo([2, 2]).toList(); // [[1, 2], [1, 2]]
   */
  broadcastTo(shape: readonly number[]): MLArray { return indexing.broadcastTo(this, shape); }
  /**
   * Copies `source` into this array's data, in place, and returns this array: the one
   * in-place write core offers, for loading a checkpoint into a parameter without
   * losing what is keyed by it (an optimizer's state). `source` is an MLArray of the
   * same shape or `size` numbers (row-major), cast to this array's dtype (float32
   * rounds). Not recorded; the gradient is left as it is. Only leaves accept it (an
   * op's result is refused with an Error: its graph would read the new values).
   *
   * @example
   * const w = zeros(2, 2);
   * w.assign(MLArray.fromJSON(saved)); // or w.assign([1, 2, 3, 4])
   */
  assign(source: MLArray | ArrayLike<number>): this {
    indexing.assign(this, source);
    return this;
  }
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

  /**
   * `{ dtype, shape, data }` for JSON: data through core's number codec, so NaN,
   * ±Infinity and -0 survive `JSON.stringify`. No gradient and no graph.
   *
   * @example JSON.stringify(new MLArray([1, NaN])); // '{"dtype":"float64","shape":[2],"data":[1,"NaN"]}'
   */
  toJSON(): MLArrayJSON {
    live('toJSON', this);
    return arrayToJSON(this);
  }

  /**
   * The array a {@link toJSON} result describes (a new leaf; dtype and shape as saved).
   * @example MLArray.fromJSON(JSON.parse(JSON.stringify(a)))
   */
  static fromJSON(json: MLArrayJSON): MLArray {
    return arrayFromJSON(json);
  }

  /**
   * Releases this array now: its buffers go back to core's pool (a view such as a
   * reshape or the `grad` wrapper never frees its base), `data` becomes zero-length,
   * and any later use (an op, `backward` through it) is a clear Error. Idempotent.
   * Optional: garbage collection frees arrays nobody refers to anyway.
   *
   * @example const t = x.mul(2); use(t); t.dispose();
   */
  dispose(): void {
    if (this._disposed) return;
    this._release(null);
  }

  /** Whether {@link dispose} (or a {@link tidy} scope) released this array. */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** @internal Releases the buffers this array owns, except those in `keep`. */
  _release(keepBuffers: Set<ArrayBufferView> | null): void {
    if (this._disposed) return;
    // Reference counts decide: a buffer another live array holds (a reshape of this
    // one, the grad wrapper) stays; `keepBuffers` (what a tidy result reaches) too.
    const d = this.data, g = this._grad;
    if (keepBuffers === null || !keepBuffers.has(d)) drop(d);
    if (g !== null && (keepBuffers === null || !keepBuffers.has(g))) drop(g);
    for (const b of this._saved) {
      // Saved scratch (broadcast copies, a transpose's index) is this node's alone; a
      // buffer some array holds is released with that array instead.
      if (refCount(b) === 0 && (keepBuffers === null || !keepBuffers.has(b))) release(b);
    }
    (this as { data: FloatArray }).data = this.dtype === 'float32' ? EMPTY32 : EMPTY64;
    this._grad = null;
    this._prev = NONE_ARRAYS;
    this._backward = null;
    this._saved = NONE;
    this._disposed = true;
  }

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

function* iterateRows(this: MLArray): IterableIterator<MLArray> {
  live('iterate', this);
  const n = this.shape[0];
  for (let i = 0; i < n; i++) yield rowOf(this, i);
}

// Row i of `a` as a copy: the same values and gradient as `a.slice(i)`, recorded with
// one shared backward (called with the row as `this`, the row index in `_saved`) and
// with `_prev` made non-enumerable. Test libraries that walk iterables (jest's toEqual)
// then compare two equal arrays' rows by value, instead of comparing closures or
// recursing through the graph. Only rows pay for the non-enumerable field.
function rowOf(a: MLArray, i: number): MLArray {
  const inner = a.size / a.shape[0];
  const data = a.data.slice(i * inner, (i + 1) * inner);
  const row = record('row', data, a.shape.slice(1), [a], rowBackward, [new Int32Array([i * inner])]);
  Object.defineProperty(row, '_prev', { value: row._prev, writable: true, enumerable: false, configurable: true });
  return row;
}

function rowBackward(this: MLArray, g: FloatArray): void {
  const ga = gradOf(this._prev[0]);
  if (ga === null) return;
  const off = (this._saved[0] as Int32Array)[0];
  for (let j = 0; j < g.length; j++) ga[off + j] += g[j];
}
const EMPTY64 = new Float64Array(0);
const EMPTY32 = new Float32Array(0);

/** @internal Throws the use-after-dispose Error naming `op`, unless `a` is live. */
export function live(op: string, a: MLArray): void {
  if (a._disposed) {
    throw new Error(`${op}: the array was disposed (by dispose() or a tidy scope); keep() what must outlive a tidy, or use it before disposing`);
  }
}

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
  // A disposed array is still an MLArray (its use is a clear Error, not a TypeError).
  if ((x as { _disposed?: unknown })._disposed === true) return true;
  let n = 1;
  for (let i = 0; i < shape.length; i++) {
    const s: unknown = shape[i];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) return false;
    n *= s;
  }
  return n === d.length && a.size === n;
}

Object.defineProperty(MLArray.prototype, MLARRAY_BRAND, { value: true });
// A getter, so a 0-d array reports no iterator at all (iterating it is a TypeError, as
// in PyTorch), and test libraries that walk iterables (jest's toEqual) then compare 0-d
// arrays as plain objects.
Object.defineProperty(MLArray.prototype, Symbol.iterator, {
  get(this: MLArray): (() => IterableIterator<MLArray>) | undefined {
    return this.shape.length === 0 ? undefined : iterateRows;
  },
  configurable: true,
});

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
  for (let i = 0; i < parents.length; i++) live(op, parents[i]);
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
  if (a._grad === null) newGrad(a);
  return a._grad;
}

/** @internal Allocates `a`'s gradient buffer (zeros), which `a` then holds. */
export function newGrad(a: MLArray): FloatArray {
  const g = alloc(a.dtype, a.size);
  retain(g);
  a._grad = g;
  return g;
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
