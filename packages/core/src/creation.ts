import { type MLArray, type ArrayOptions, wrap } from './mlarray';
import { type Rng, defaultRng } from './rng';
import { checkShape, sizeOf } from './shape';

/** Options for the random constructors. */
export interface RandomOptions extends ArrayOptions {
  /** The generator to draw from; the shared default ({@link setSeed}) when omitted. */
  rng?: Rng;
}

type ShapeArgs = number[] | [readonly number[], ArrayOptions?];

// Both `zeros(2, 3)` and `zeros([2, 3], { requiresGrad: false })` are accepted.
function shapeArgs(op: string, args: ShapeArgs | [readonly number[], RandomOptions?]): { shape: number[]; options: RandomOptions } {
  const shape = (Array.isArray(args[0]) ? (args[0] as readonly number[]).slice() : (args as number[]).slice());
  const options = (Array.isArray(args[0]) ? args[1] : undefined) ?? {};
  checkShape(op, shape);
  return { shape, options: options as RandomOptions };
}

function filled(shape: number[], v: number, options: ArrayOptions): MLArray {
  const data = new Float64Array(sizeOf(shape));
  if (v !== 0) data.fill(v);
  return wrap(data, shape, options.requiresGrad ?? true);
}

/** An array of zeros. @example zeros(2, 3); zeros([2, 3], { requiresGrad: false }) */
export function zeros(...args: number[]): MLArray;
export function zeros(shape: readonly number[], options?: ArrayOptions): MLArray;
export function zeros(...args: ShapeArgs): MLArray {
  const { shape, options } = shapeArgs('zeros', args);
  return filled(shape, 0, options);
}

/** An array of ones. @example ones(3) */
export function ones(...args: number[]): MLArray;
export function ones(shape: readonly number[], options?: ArrayOptions): MLArray;
export function ones(...args: ShapeArgs): MLArray {
  const { shape, options } = shapeArgs('ones', args);
  return filled(shape, 1, options);
}

/** An array of `shape` with every element `v`. @example full([2, 2], 7) */
export function full(shape: readonly number[], v: number, options: ArrayOptions = {}): MLArray {
  checkShape('full', shape);
  if (typeof v !== 'number') throw new TypeError(`full: the fill value must be a number, got ${typeof v}`);
  return filled(shape.slice(), v, options);
}

/** Standard normal samples N(0, 1). @example setSeed(0); randn(2, 3); randn([2, 3], { rng }) */
export function randn(...args: number[]): MLArray;
export function randn(shape: readonly number[], options?: RandomOptions): MLArray;
export function randn(...args: ShapeArgs): MLArray {
  const { shape, options } = shapeArgs('randn', args);
  const rng = options.rng ?? defaultRng();
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return wrap(data, shape, options.requiresGrad ?? true);
}

/** Uniform samples on [0, 1). @example rand(4); rand([4], { rng: new Rng(1) }) */
export function rand(...args: number[]): MLArray;
export function rand(shape: readonly number[], options?: RandomOptions): MLArray;
export function rand(...args: ShapeArgs): MLArray {
  const { shape, options } = shapeArgs('rand', args);
  const rng = options.rng ?? defaultRng();
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.next();
  return wrap(data, shape, options.requiresGrad ?? true);
}

