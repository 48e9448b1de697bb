import { type MLArray, type ArrayOptions, checkOptions, dtypeOption, isMLArray, requiresGradOption, wrap } from './mlarray';
import { type Rng, defaultRng, isRng } from './rng';
import { checkShape, sizeOf } from './shape';
import { alloc, checkSize } from './alloc';
import { describeArg } from './errors';
import type { FloatArray } from './dtype';

/** Options for the random constructors. */
export interface RandomOptions extends ArrayOptions {
  /** The generator to draw from; the shared default ({@link setSeed}) when omitted. */
  rng?: Rng;
}

type ShapeArgs = number[] | [readonly number[], ArrayOptions?];

// Both `zeros(2, 3)` and `zeros([2, 3], { requiresGrad: false })` are accepted.
function shapeArgs(op: string, args: ShapeArgs | [readonly number[], RandomOptions?]): { shape: number[]; options: RandomOptions } {
  const first: unknown = args[0];
  if (Array.isArray(first)) {
    if (args.length > 2) throw new TypeError(`${op}: expected (shape, options?), got ${args.length} arguments`);
    const shape = (first as number[]).slice();
    checkShape(op, shape);
    return { shape, options: checkOptions<RandomOptions>(op, args[1]) };
  }
  const shape = (args as unknown[]).slice() as number[];
  checkShape(op, shape);
  return { shape, options: {} };
}

// A new buffer for `shape` in the options' dtype, checked against the element cap.
function buffer(op: string, shape: readonly number[], options: ArrayOptions): FloatArray {
  const dtype = dtypeOption(op, options);
  const n = sizeOf(shape);
  checkSize(op, n, shape, dtype);
  return alloc(dtype, n);
}

function filled(op: string, shape: number[], v: number, options: ArrayOptions): MLArray {
  const data = buffer(op, shape, options);
  if (v !== 0) data.fill(v);
  return wrap(data, shape, requiresGradOption(op, options, true));
}

function rngOption(op: string, options: RandomOptions): Rng {
  const r: unknown = options.rng;
  if (r === undefined) return defaultRng();
  if (!isRng(r)) throw new TypeError(`${op}: the rng option must be an Rng, got ${describeArg(r)}`);
  return r;
}

/** An array of zeros. @example zeros(2, 3); zeros([2, 3], { requiresGrad: false, dtype: 'float32' }) */
export function zeros(...args: number[]): MLArray;
export function zeros(shape: readonly number[], options?: ArrayOptions): MLArray;
export function zeros(...args: ShapeArgs): MLArray {
  const { shape, options } = shapeArgs('zeros', args);
  return filled('zeros', shape, 0, options);
}

/** An array of ones. @example ones(3) */
export function ones(...args: number[]): MLArray;
export function ones(shape: readonly number[], options?: ArrayOptions): MLArray;
export function ones(...args: ShapeArgs): MLArray {
  const { shape, options } = shapeArgs('ones', args);
  return filled('ones', shape, 1, options);
}

/** An array of `shape` with every element `v` (rounded once to the dtype). @example full([2, 2], 7) */
export function full(shape: readonly number[], v: number, options?: ArrayOptions): MLArray {
  checkShape('full', shape);
  if (typeof v !== 'number') throw new TypeError(`full: the fill value must be a number, got ${describeArg(v)}`);
  return filled('full', shape.slice(), v, checkOptions<ArrayOptions>('full', options));
}

/**
 * Standard normal samples N(0, 1), drawn in double and then stored in the dtype, so a
 * float32 and a float64 array from the same seed hold the same numbers (up to rounding).
 * @example setSeed(0); randn(2, 3); randn([2, 3], { rng, dtype: 'float32' })
 */
export function randn(...args: number[]): MLArray;
export function randn(shape: readonly number[], options?: RandomOptions): MLArray;
export function randn(...args: ShapeArgs): MLArray {
  const { shape, options } = shapeArgs('randn', args);
  const rng = rngOption('randn', options);
  const data = buffer('randn', shape, options);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return wrap(data, shape, requiresGradOption('randn', options, true));
}

/** Uniform samples on [0, 1) (drawn in double, then stored in the dtype). @example rand(4); rand([4], { rng: new Rng(1) }) */
export function rand(...args: number[]): MLArray;
export function rand(shape: readonly number[], options?: RandomOptions): MLArray;
export function rand(...args: ShapeArgs): MLArray {
  const { shape, options } = shapeArgs('rand', args);
  const rng = rngOption('rand', options);
  const data = buffer('rand', shape, options);
  for (let i = 0; i < data.length; i++) data[i] = rng.next();
  return wrap(data, shape, requiresGradOption('rand', options, true));
}

function finite(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${op}: ${name} must be a number, got ${describeArg(v)}`);
  if (!Number.isFinite(v)) throw new RangeError(`${op}: ${name} must be finite, got ${v}`);
  return v;
}

// Data, not parameters: arange, linspace and eye default to requiresGrad false.
function dataArray(op: string, data: FloatArray, shape: number[], options: ArrayOptions): MLArray {
  return wrap(data, shape, requiresGradOption(op, options, false));
}

/**
 * Evenly spaced values in [start, stop) with `step`, as `numpy.arange`: the length is
 * `ceil((stop − start) / step)` (0 when that is negative) and element i is
 * `start + i·step`. `arange(stop)` starts at 0. Data, so `requiresGrad` defaults to false.
 *
 * @example arange(5).toList(); // [0, 1, 2, 3, 4]
 * arange(1, 2, 0.25).toList(); // [1, 1.25, 1.5, 1.75]
 */
export function arange(stop: number, options?: ArrayOptions): MLArray;
export function arange(start: number, stop: number, step?: number, options?: ArrayOptions): MLArray;
export function arange(...args: unknown[]): MLArray {
  let start = 0, stop: number, step = 1, options: ArrayOptions;
  if (args.length <= 2 && (args[1] === undefined || (typeof args[1] === 'object'))) {
    stop = finite('arange', 'stop', args[0]);
    options = checkOptions<ArrayOptions>('arange', args[1]);
  } else {
    start = finite('arange', 'start', args[0]);
    stop = finite('arange', 'stop', args[1]);
    if (args[2] !== undefined) step = finite('arange', 'step', args[2]);
    options = checkOptions<ArrayOptions>('arange', args[3]);
  }
  if (step === 0) throw new RangeError('arange: step must not be 0');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const shape = [n];
  const data = buffer('arange', shape, options);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return dataArray('arange', data, shape, options);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included, as `numpy.linspace`
 * (element i is `start + i·(stop − start)/(num − 1)`, the last exactly `stop`). Data, so
 * `requiresGrad` defaults to false.
 *
 * @example linspace(0, 1, 5).toList(); // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number, options?: ArrayOptions): MLArray {
  finite('linspace', 'start', start);
  finite('linspace', 'stop', stop);
  if (typeof num !== 'number') throw new TypeError(`linspace: num must be a number, got ${describeArg(num)}`);
  if (!Number.isSafeInteger(num) || num < 0) throw new RangeError(`linspace: num must be a non-negative integer, got ${num}`);
  const opts = checkOptions<ArrayOptions>('linspace', options);
  const shape = [num];
  const data = buffer('linspace', shape, opts);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (num > 1) data[num - 1] = stop;
  return dataArray('linspace', data, shape, opts);
}

/**
 * The identity matrix `n × m` (`m = n` by default): ones on the diagonal. Data, so
 * `requiresGrad` defaults to false.
 *
 * @example eye(2).toList(); // [[1, 0], [0, 1]]
 */
export function eye(n: number, options?: ArrayOptions): MLArray;
export function eye(n: number, m: number, options?: ArrayOptions): MLArray;
export function eye(n: number, mOrOptions?: number | ArrayOptions, maybeOptions?: ArrayOptions): MLArray {
  const m = typeof mOrOptions === 'number' ? mOrOptions : n;
  const options = checkOptions<ArrayOptions>('eye', typeof mOrOptions === 'number' ? maybeOptions : mOrOptions);
  const shape = [n, m];
  checkShape('eye', shape);
  const data = buffer('eye', shape, options);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return dataArray('eye', data, shape, options);
}

function likeOf(op: string, a: unknown): MLArray {
  if (!isMLArray(a)) throw new TypeError(`${op}: expected an MLArray, got ${describeArg(a)}`);
  return a;
}

/** Zeros shaped like `a`, in `a`'s dtype unless `options.dtype` says otherwise. @example zerosLike(w) */
export function zerosLike(a: MLArray, options?: ArrayOptions): MLArray {
  const x = likeOf('zerosLike', a), opts = checkOptions<ArrayOptions>('zerosLike', options);
  return filled('zerosLike', x.shape.slice(), 0, { dtype: x.dtype, ...opts });
}

/** Ones shaped like `a`, in `a`'s dtype unless `options.dtype` says otherwise. @example onesLike(w) */
export function onesLike(a: MLArray, options?: ArrayOptions): MLArray {
  const x = likeOf('onesLike', a), opts = checkOptions<ArrayOptions>('onesLike', options);
  return filled('onesLike', x.shape.slice(), 1, { dtype: x.dtype, ...opts });
}

/** `v` everywhere, shaped like `a`, in `a`'s dtype unless `options.dtype` says otherwise. @example fullLike(w, 0.5) */
export function fullLike(a: MLArray, v: number, options?: ArrayOptions): MLArray {
  const x = likeOf('fullLike', a), opts = checkOptions<ArrayOptions>('fullLike', options);
  if (typeof v !== 'number') throw new TypeError(`fullLike: the fill value must be a number, got ${describeArg(v)}`);
  return filled('fullLike', x.shape.slice(), v, { dtype: x.dtype, ...opts });
}
