import { ShapeError, describeArg } from './errors';
import { type DType, type FloatArray } from './dtype';
import { alloc, checkSize } from './alloc';
import { MAX_DIMS } from './shape';

/** A number or an arbitrarily nested array of numbers, as `toList()` returns. */
export type Nested = number | Nested[];

function pathOf(path: readonly number[]): string {
  return 'data' + path.map((i) => `[${i}]`).join('');
}

/**
 * Flattens nested arrays into row-major storage. Ragged input (a ShapeError) and
 * non-numbers (a TypeError) are reported with the path of the first bad element.
 */
export function parseNested(input: unknown, dtype: DType): { data: FloatArray; shape: number[] } {
  if (ArrayBuffer.isView(input)) {
    throw new TypeError(`MLArray: got a ${input.constructor.name}; use MLArray.from(data, shape) for typed arrays`);
  }
  if (typeof input !== 'number' && !Array.isArray(input)) {
    throw new TypeError(`MLArray: expected a number or nested arrays of numbers, got ${describeArg(input)}`);
  }
  // The first-element chain gives the shape. It stops at 64 levels (numpy's limit),
  // which also ends an array that contains itself.
  const shape: number[] = [];
  for (let x: unknown = input; Array.isArray(x); x = x[0]) {
    if (shape.length === MAX_DIMS) {
      throw new RangeError(`MLArray: nesting is deeper than the ${MAX_DIMS} dimensions an array may have (numpy's limit), or an array contains itself`);
    }
    shape.push(x.length);
    if (x.length === 0) break;
  }
  let total = 1;
  for (const d of shape) total *= d;
  checkSize('MLArray', total, shape, dtype);
  const data = alloc(dtype, total);
  let k = 0;
  const path: number[] = [];
  const visit = (x: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof x !== 'number') {
        const what = Array.isArray(x) ? 'an array (ragged nesting)' : x === null ? 'null' : typeof x;
        if (Array.isArray(x)) {
          throw new ShapeError('MLArray', `ragged input: ${pathOf(path)} is ${what}, expected a number like its siblings`);
        }
        throw new TypeError(`MLArray: ${pathOf(path)} is ${what}, expected a number`);
      }
      data[k++] = x;
      return;
    }
    if (!Array.isArray(x)) {
      throw new ShapeError('MLArray', `ragged input: ${pathOf(path)} is ${typeof x === 'number' ? 'a number' : typeof x}, expected an array of length ${shape[depth]}`);
    }
    if (x.length !== shape[depth]) {
      throw new ShapeError('MLArray', `ragged input: ${pathOf(path)} has length ${x.length}, expected ${shape[depth]}`);
    }
    for (let i = 0; i < x.length; i++) {
      path.push(i);
      visit(x[i], depth + 1);
      path.pop();
    }
  };
  visit(input, 0);
  return { data, shape };
}

/** Row-major storage back to nested arrays (a number for 0-d). */
export function toNested(data: FloatArray, shape: readonly number[]): Nested {
  if (shape.length === 0) return data[0];
  let k = 0;
  const build = (depth: number): Nested[] => {
    const n = shape[depth];
    const out = new Array<Nested>(n);
    if (depth === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = data[k++];
    } else {
      for (let i = 0; i < n; i++) out[i] = build(depth + 1);
    }
    return out;
  };
  return build(0);
}
