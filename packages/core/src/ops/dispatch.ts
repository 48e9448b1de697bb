// Every array op enters here: operands are checked and promoted, then the kernel of
// the result's dtype runs. Each kernel module is written once for float64
// (`*.f64.ts`) and generated for float32 (`*.f32.ts`, scripts/gen-f32.mjs), so every
// loop sees one typed-array kind and V8 keeps it monomorphic.
import type { MLArray } from '../mlarray';
import { ShapeError, describeArg, fmtShape } from '../errors';
import { MLArray as MLArrayClass, live } from '../mlarray';
import * as arith64 from './arithmetic.f64';
import * as arith32 from './arithmetic.f32';
import * as unary64 from './unary.f64';
import * as unary32 from './unary.f32';
import * as minmax64 from './minmax.f64';
import * as minmax32 from './minmax.f32';
import * as reduce64 from './reduce.f64';
import * as reduce32 from './reduce.f32';
import * as transpose64 from './transpose.f64';
import * as transpose32 from './transpose.f32';
import * as reshape64 from './reshape.f64';
import * as reshape32 from './reshape.f32';
import * as matmul64 from './matmul.f64';
import * as matmul32 from './matmul.f32';
import * as cumsum64 from './cumsum.f64';
import * as cumsum32 from './cumsum.f32';
import { checkOperand, promotePair, resultType } from './promote';

type Binary = 'add' | 'sub' | 'mul' | 'div' | 'pow';
type Unary = 'neg' | 'abs' | 'exp' | 'log' | 'sqrt' | 'relu' | 'tanh' | 'sigmoid'
  | 'log1p' | 'expm1' | 'erf' | 'erfc' | 'sin' | 'cos' | 'square' | 'reciprocal' | 'sign' | 'floor' | 'ceil' | 'round';
type Reduction = 'sum' | 'mean' | 'max' | 'min' | 'argmax' | 'argmin' | 'logsumexp' | 'prod';

/** An elementwise binary op with numpy broadcasting and PyTorch's dtype promotion. */
export function binary(op: Binary, a: MLArray, b: MLArray | number): MLArray {
  live(op, a);
  if (typeof b !== 'number' && b instanceof MLArrayClass) live(op, b);
  const [x, y] = promotePair(op, a, b);
  return x.dtype === 'float32' ? arith32[op](x, y) : arith64[op](x, y);
}

/** An elementwise function of one array. */
export function unary(op: Unary, a: MLArray): MLArray {
  live(op, a);
  return a.dtype === 'float32' ? unary32[op](a) : unary64[op](a);
}

/** maximum / minimum. */
export function extremum(op: 'maximum' | 'minimum', a: MLArray, b: MLArray | number): MLArray {
  live(op, a);
  if (typeof b !== 'number' && b instanceof MLArrayClass) live(op, b);
  const [x, y] = promotePair(op, a, b);
  return x.dtype === 'float32' ? minmax32[op](x, y) : minmax64[op](x, y);
}

function checkNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${op}: ${name} must be a number, got ${describeArg(v)}`);
  if (Number.isNaN(v)) throw new RangeError(`${op}: ${name} must not be NaN`);
  return v;
}

/** clamp to [min, max] (PyTorch's rule when min > max: every element becomes max). */
export function clip(a: MLArray, min: number, max: number): MLArray {
  live('clip', a);
  checkNumber('clip', 'min', min);
  checkNumber('clip', 'max', max);
  return a.dtype === 'float32' ? unary32.clip(a, min, max) : unary64.clip(a, min, max);
}

/** A reduction over one axis (or all). */
export function reduce(op: Reduction, a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  live(op, a);
  return a.dtype === 'float32' ? reduce32[op](a, axis, keepdims) : reduce64[op](a, axis, keepdims);
}

/** var / std with a correction (0: population, 1: Bessel's), as torch's `correction`. */
export function moments(op: 'var' | 'std', a: MLArray, axis: number | null, keepdims: boolean, correction: number): MLArray {
  live(op, a);
  if (typeof correction !== 'number') throw new TypeError(`${op}: correction must be a number, got ${describeArg(correction)}`);
  if (!(correction >= 0) || correction === Infinity) throw new RangeError(`${op}: correction must be a finite number >= 0, got ${correction}`);
  const k = a.dtype === 'float32' ? reduce32 : reduce64;
  return op === 'std' ? k.std(a, axis, keepdims, correction) : k.variance(a, axis, keepdims, correction);
}

/** Running sums along an axis. */
export function cumsum(a: MLArray, axis: number): MLArray {
  live('cumsum', a);
  if (typeof axis !== 'number') throw new TypeError(`cumsum: axis must be an integer, got ${describeArg(axis)}`);
  return a.dtype === 'float32' ? cumsum32.cumsum(a, axis) : cumsum64.cumsum(a, axis);
}

export function transpose(a: MLArray, axes?: readonly number[]): MLArray {
  live('transpose', a);
  return a.dtype === 'float32' ? transpose32.transpose(a, axes) : transpose64.transpose(a, axes);
}

export function reshape(a: MLArray, dims: readonly number[]): MLArray {
  live('reshape', a);
  if (!Array.isArray(dims)) throw new TypeError(`reshape: the shape must be numbers or an array of numbers, got ${describeArg(dims)}`);
  return a.dtype === 'float32' ? reshape32.reshape(a, dims) : reshape64.reshape(a, dims);
}

export function matmul(a: MLArray, b: MLArray): MLArray {
  if (!(b instanceof MLArrayClass)) throw new TypeError(`matmul: expected an MLArray, got ${describeArg(b)}`);
  live('matmul', a);
  live('matmul', b);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError('matmul', `both operands need at least 1 dimension, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`, [a.shape, b.shape]);
  }
  const t = resultType([a, b]);
  const x = a.astype(t), y = b.astype(t);
  return t === 'float32' ? matmul32.matmul(x, y) : matmul64.matmul(x, y);
}

export { checkOperand };
