import fc from 'fast-check';
import { type MLArrayJSON, arrayFromJSON, arrayToJSON } from '../src/array-json';
import { ShapeError } from '../src/errors';
import { MLArray } from '../src/mlarray';

function arr(data: number[], shape: number[], dtype: 'float64' | 'float32' = 'float64'): MLArray {
  return MLArray.from(dtype === 'float32' ? new Float32Array(data) : new Float64Array(data), shape, { dtype, requiresGrad: false });
}

function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe('arrayToJSON / arrayFromJSON', () => {
  test('writes { dtype, shape, data } through the number codec', () => {
    expect(arrayToJSON(arr([1.5, NaN, Infinity, -Infinity, -0, 0], [2, 3]))).toEqual({
      dtype: 'float64',
      shape: [2, 3],
      data: [1.5, 'NaN', 'Infinity', '-Infinity', '-0', 0],
    });
    // A float32 element is written as the double it holds.
    expect(arrayToJSON(arr([0.1], [], 'float32'))).toEqual({ dtype: 'float32', shape: [], data: [Math.fround(0.1)] });
    expect(arrayToJSON(arr([], [0, 2]))).toEqual({ dtype: 'float64', shape: [0, 2], data: [] });
  });

  test('the shape in the JSON is a fresh plain array', () => {
    const a = arr([1, 2], [2]);
    const j = arrayToJSON(a);
    j.shape.push(9);
    expect(a.shape).toEqual([2]);
  });

  test('JSON text round trip keeps dtype, shape, NaN, ±Infinity and -0 bit for bit (NaN as the canonical NaN)', () => {
    for (const a of [
      arr([1 / 3, NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308], [7]),
      arr([1 / 3, NaN, Infinity, -Infinity, -0, 1e-45, 3.4028234663852886e38], [7, 1], 'float32'),
      arr([-0], []),
      arr([], [3, 0], 'float32'),
    ]) {
      const back = arrayFromJSON(JSON.parse(JSON.stringify(arrayToJSON(a))) as MLArrayJSON);
      expect([back.dtype, [...back.shape], back.requiresGrad]).toEqual([a.dtype, [...a.shape], false]);
      expect(back.data.constructor).toBe(a.data.constructor);
      expect(bytesOf(back.data).equals(bytesOf(a.data))).toBe(true);
    }
  });

  test('property: any float64 or float32 array survives a JSON text round trip', () => {
    const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });
    fc.assert(
      fc.property(shapeArb, fc.boolean(), fc.infiniteStream(fc.double()), (shape, is32, values) => {
        const size = shape.reduce((p, d) => p * d, 1);
        const data: number[] = [];
        const it = values[Symbol.iterator]();
        for (let i = 0; i < size; i++) data.push(it.next().value as number);
        const a = arr(data, shape, is32 ? 'float32' : 'float64');
        const text = JSON.stringify(arrayToJSON(a));
        const back = arrayFromJSON(JSON.parse(text) as MLArrayJSON);
        expect([back.dtype, [...back.shape]]).toEqual([a.dtype, [...a.shape]]);
        for (let i = 0; i < size; i++) expect(Object.is(back.data[i], a.data[i])).toBe(true);
      }),
      { seed: 31337, numRuns: 200 },
    );
  });

  test('extra fields are ignored; requiresGrad is false (data, not a parameter)', () => {
    const back = arrayFromJSON({ dtype: 'float32', shape: [2], data: [1, 2], requiresGrad: true, grad: [3, 4] } as MLArrayJSON);
    expect(back.requiresGrad).toBe(false);
    expect(back.grad).toBeNull();
    expect(Array.from(back.data)).toEqual([1, 2]);
  });

  test('the input JSON is not modified', () => {
    const j: MLArrayJSON = { dtype: 'float64', shape: [2], data: [1, '-0'] };
    arrayFromJSON(j);
    expect(j).toEqual({ dtype: 'float64', shape: [2], data: [1, '-0'] });
  });

  describe('malformed objects are typed errors naming the field', () => {
    const cases: [string, unknown, new (...args: never[]) => Error, string | RegExp][] = [
      ['null', null, TypeError, 'MLArray.fromJSON: expected an object { dtype, shape, data }, got null'],
      ['a string', '{"dtype":"float64"}', TypeError, 'MLArray.fromJSON: expected an object { dtype, shape, data }, got a string'],
      ['an array', [1, 2], TypeError, /got a plain array/],
      ['no dtype', { shape: [1], data: [1] }, TypeError, 'MLArray.fromJSON: the field "dtype" is missing'],
      ['an unknown dtype', { dtype: 'int8', shape: [1], data: [1] }, TypeError, /MLArray\.fromJSON: field "dtype": dtype must be 'float64' or 'float32', got "int8"/],
      ['a number dtype', { dtype: 64, shape: [1], data: [1] }, TypeError, /field "dtype".*got a number/],
      ['no shape', { dtype: 'float64', data: [1] }, TypeError, 'MLArray.fromJSON: field "shape" must be an array of integers, got undefined'],
      ['a string shape', { dtype: 'float64', shape: '2', data: [1, 2] }, TypeError, /field "shape" must be an array of integers, got a string/],
      ['a string dimension', { dtype: 'float64', shape: ['2'], data: [1, 2] }, TypeError, 'MLArray.fromJSON: field "shape"[0] must be a number, got a string'],
      ['a negative dimension', { dtype: 'float64', shape: [2, -1], data: [] }, RangeError, 'MLArray.fromJSON: field "shape"[1] must be a non-negative integer, got -1'],
      ['a fractional dimension', { dtype: 'float64', shape: [1.5], data: [1] }, RangeError, /field "shape"\[0\] must be a non-negative integer, got 1.5/],
      ['a NaN dimension', { dtype: 'float64', shape: [NaN], data: [] }, RangeError, /field "shape"\[0\].*got NaN/],
      ['65 dimensions', { dtype: 'float64', shape: new Array(65).fill(1), data: [1] }, RangeError, /field "shape" has 65 dimensions, more than the 64 allowed/],
      ['no data', { dtype: 'float64', shape: [1] }, TypeError, 'MLArray.fromJSON: field "data" must be an array of numbers, got undefined'],
      ['a typed array as data', { dtype: 'float64', shape: [1], data: new Float64Array(1) }, TypeError, /field "data" must be an array of numbers, got a Float64Array/],
      ['too few values', { dtype: 'float64', shape: [2, 2], data: [1, 2, 3] }, ShapeError, 'MLArray.fromJSON: field "data" holds 3 values but field "shape" [2, 2] needs 4'],
      ['too many values', { dtype: 'float32', shape: [], data: [1, 2] }, ShapeError, /holds 2 values but field "shape" \[\] needs 1/],
      ['a string value', { dtype: 'float64', shape: [2], data: [1, 'x'] }, TypeError, /MLArray\.fromJSON: field "data"\[1\]: expected a number or one of "NaN", "Infinity", "-Infinity", "-0", got "x"/],
      ['a null value', { dtype: 'float64', shape: [1], data: [null] }, TypeError, /field "data"\[0\].*got null/],
      ['a boolean value', { dtype: 'float64', shape: [1], data: [true] }, TypeError, /field "data"\[0\].*got a boolean/],
    ];
    test.each(cases)('%s', (_name, json, type, message) => {
      expect(() => arrayFromJSON(json as MLArrayJSON)).toThrow(type);
      expect(() => arrayFromJSON(json as MLArrayJSON)).toThrow(message);
    });
  });

  test('arrayToJSON refuses what is not an MLArray', () => {
    expect(() => arrayToJSON({ dtype: 'float64', shape: [1], data: new Float64Array(1) } as never)).toThrow(
      new TypeError('MLArray.toJSON: expected an MLArray, got an object'),
    );
    expect(() => arrayToJSON(null as never)).toThrow(TypeError);
  });
});
