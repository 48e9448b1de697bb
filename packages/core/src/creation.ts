import { type MLArray, type ArrayOptions, checkOptions, dtypeOption, requiresGradOption, wrap } from './mlarray';
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
