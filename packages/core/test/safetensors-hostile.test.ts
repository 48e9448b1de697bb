// Malformed, truncated and hostile safetensors files: each is a clear error naming the
// tensor or the header problem, raised before anything large is allocated.
import { DEFAULT_ELEMENT_CAP, setElementCap } from '../src/alloc';
import { MLArray } from '../src/mlarray';
import { SafetensorsError, fromSafetensors, toSafetensors } from '../src/safetensors';

const enc = new TextEncoder();

/** A file from raw header text and data bytes; `claimed` overrides the length field. */
function build(header: string | Uint8Array, data: Uint8Array | number = 0, claimed?: bigint): Uint8Array {
  const h = typeof header === 'string' ? enc.encode(header) : header;
  const d = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + h.length + d.length);
  new DataView(out.buffer).setBigUint64(0, claimed ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(d, 8 + h.length);
  return out;
}

const entry = (dtype: string, shape: unknown, offsets: unknown): Record<string, unknown> => ({ dtype, shape, data_offsets: offsets });
const json = (o: unknown): string => JSON.stringify(o);

type ErrorClass = new (...args: never[]) => Error;
type Case = [name: string, bytes: () => Uint8Array, type: ErrorClass, message: RegExp, tensor?: string | null];

const deep = 200_000;
const cases: Case[] = [
  // The length field and the header as a whole.
  ['an empty file', () => new Uint8Array(0), SafetensorsError, /the file is 0 bytes, too short for the 8-byte header length/, null],
  ['7 bytes', () => new Uint8Array(7), SafetensorsError, /the file is 7 bytes/, null],
  ['a header length of 1 TB', () => build('{}', 0, 2n ** 40n), SafetensorsError, /the header length is 1099511627776 bytes, over the 100000000-byte limit/, null],
  ['a header length of 2^64 - 1', () => build('{}', 0, 2n ** 64n - 1n), SafetensorsError, /header length is 18446744073709551615 bytes, over the 100000000-byte limit/, null],
  ['a header length just over 100 MB', () => build('{}', 0, 100_000_001n), SafetensorsError, /100000001 bytes, over the 100000000-byte limit/, null],
  ['a header length past the end of the file', () => build('{}', 40, 1000n), SafetensorsError, /header length is 1000 bytes but the file has only 42 bytes after the 8-byte length \(truncated\?\)/, null],
  ['a zero-length header', () => build(''), SafetensorsError, /the header is not valid JSON/, null],
  ['a header that is not UTF-8', () => build(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), SafetensorsError, /the header is not valid UTF-8/, null],
  ['a header that is not JSON', () => build('{"a": '), SafetensorsError, /the header is not valid JSON/, null],
  ['a header padded with NULs instead of spaces', () => build('{}\0\0\0\0\0\0'), SafetensorsError, /not valid JSON/, null],
  ['a JSON array header', () => build('[]'), SafetensorsError, /the header must be a JSON object, got a plain array/, null],
  ['a JSON null header', () => build('null'), SafetensorsError, /must be a JSON object, got null/, null],
  ['a JSON number header', () => build('42'), SafetensorsError, /must be a JSON object, got a number/, null],
  ['deeply nested JSON', () => build(`{"__metadata__":${'['.repeat(deep)}${']'.repeat(deep)}}`), SafetensorsError, /"__metadata__" must be an object of strings, got a plain array|not valid JSON/, null],
  ['__metadata__ that is a string', () => build(json({ __metadata__: 'x' })), SafetensorsError, /"__metadata__" must be an object of strings, got a string/, null],
  ['__metadata__ with a number value', () => build(json({ __metadata__: { epoch: 3 } })), SafetensorsError, /"__metadata__"\["epoch"\] must be a string, got a number/, null],
  ['trailing bytes no tensor owns', () => build(json({ w: entry('F32', [1], [0, 4]) }), 8), SafetensorsError, /data section has 8 bytes but the tensors cover 4: 4 trailing bytes/, null],
  ['data but no tensors', () => build('{}', 16), SafetensorsError, /16 trailing bytes belong to no tensor/, null],
  // One entry.
  ['an entry that is a number', () => build(json({ w: 5 })), SafetensorsError, /tensor "w": the header entry must be an object \{ dtype, shape, data_offsets \}, got a number/, 'w'],
  ['a missing dtype', () => build(json({ w: { shape: [1], data_offsets: [0, 4] } }), 4), SafetensorsError, /tensor "w": "dtype" must be a string, got undefined/, 'w'],
  ['an unknown dtype', () => build(json({ w: entry('F128', [1], [0, 16]) }), 16), SafetensorsError, /tensor "w": unknown dtype "F128" \(readable: F64, F32, F16, BF16/, 'w'],
  ['an unsupported spec dtype', () => build(json({ w: entry('F8_E4M3', [4], [0, 4]) }), 4), SafetensorsError, /tensor "w": dtype "F8_E4M3" is not supported/, 'w'],
  ['a dtype named like an Object property', () => build(json({ w: entry('toString', [1], [0, 1]) }), 1), SafetensorsError, /tensor "w": unknown dtype "toString"/, 'w'],
  ['a shape that is not an array', () => build(json({ w: entry('F32', 4, [0, 16]) }), 16), SafetensorsError, /tensor "w": "shape" must be an array of integers, got a number/, 'w'],
  ['a negative dimension', () => build(json({ w: entry('F32', [2, -1], [0, 0]) })), SafetensorsError, /tensor "w": "shape"\[1\] must be a non-negative integer, got -1/, 'w'],
  ['a fractional dimension', () => build(json({ w: entry('F32', [1.5], [0, 6]) }), 6), SafetensorsError, /"shape"\[0\] must be a non-negative integer, got 1.5/, 'w'],
  ['a string dimension', () => build(json({ w: entry('F32', ['2'], [0, 8]) }), 8), SafetensorsError, /"shape"\[0\] must be a non-negative integer, got a string/, 'w'],
  ['65 dimensions', () => build(json({ w: entry('F32', new Array(65).fill(1), [0, 4]) }), 4), SafetensorsError, /tensor "w": "shape" has 65 dimensions, more than the 64 allowed/, 'w'],
  ['missing data_offsets', () => build(json({ w: { dtype: 'F32', shape: [1] } }), 4), SafetensorsError, /tensor "w": "data_offsets" must be \[begin, end\], got undefined/, 'w'],
  ['three data_offsets', () => build(json({ w: entry('F32', [1], [0, 4, 8]) }), 8), SafetensorsError, /"data_offsets" must be \[begin, end\], got an array of 3/, 'w'],
  ['string data_offsets', () => build(json({ w: entry('F32', [1], ['0', '4']) }), 4), SafetensorsError, /"data_offsets" begin must be a non-negative integer, got a string/, 'w'],
  ['negative data_offsets', () => build(json({ w: entry('F32', [1], [-4, 0]) }), 4), SafetensorsError, /"data_offsets" begin must be a non-negative integer, got -4/, 'w'],
  ['data_offsets that end before they begin', () => build(json({ w: entry('F32', [0], [4, 0]) }), 4), SafetensorsError, /tensor "w": "data_offsets" \[4, 0\] end before they begin/, 'w'],
  ['data_offsets past the end (truncated data)', () => build(json({ w: entry('F64', [4], [0, 32]) }), 20), SafetensorsError, /tensor "w": "data_offsets" \[0, 32\] run past the end of the data section \(20 bytes; truncated\?\)/, 'w'],
  ['data_offsets claiming terabytes', () => build(json({ w: entry('F32', [2 ** 40], [0, 2 ** 42]) }), 8), SafetensorsError, /tensor "w": "data_offsets" \[0, 4398046511104\] run past the end/, 'w'],
  ['offsets that do not match shape × dtype size', () => build(json({ w: entry('F32', [3], [0, 8]) }), 8), SafetensorsError, /tensor "w": "data_offsets" \[0, 8\] span 8 bytes but shape \[3\] of F32 needs 12/, 'w'],
  ['a shape of 2^80 elements in 8 bytes', () => build(json({ w: entry('F64', [2 ** 40, 2 ** 40], [0, 8]) }), 8), SafetensorsError, /tensor "w": "data_offsets" \[0, 8\] span 8 bytes but shape \[1099511627776, 1099511627776\] of F64 needs/, 'w'],
  // Several entries.
  ['a hole at the start', () => build(json({ w: entry('F32', [1], [4, 8]) }), 8), SafetensorsError, /tensor "w": data_offsets \[4, 8\] leave a hole: bytes 0\.\.4 at the start of the data section belong to no tensor/, 'w'],
  ['a hole between tensors', () => build(json({ a: entry('F32', [1], [0, 4]), b: entry('F32', [1], [8, 12]) }), 12), SafetensorsError, /tensor "b": data_offsets \[8, 12\] leave a hole: bytes 4\.\.8 after tensor "a"/, 'b'],
  ['overlapping tensors', () => build(json({ a: entry('F32', [2], [0, 8]), b: entry('F32', [2], [4, 12]) }), 12), SafetensorsError, /tensor "b": data_offsets \[4, 12\] overlap tensor "a", which ends at 8/, 'b'],
  ['two tensors on the same bytes', () => build(json({ a: entry('F32', [1], [0, 4]), b: entry('I32', [1], [0, 4]) }), 4), SafetensorsError, /tensor "b": data_offsets \[0, 4\] overlap tensor "a"/, 'b'],
  ['a duplicate key hiding a tensor', () => build('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', 8), SafetensorsError, /tensor "a": data_offsets \[4, 8\] leave a hole: bytes 0\.\.4 at the start/, 'a'],
];

function arrayBuffersNow(): number {
  return process.memoryUsage().arrayBuffers;
}

describe('fromSafetensors on hostile files', () => {
  test.each(cases)('%s', (_name, make, type, message, tensor) => {
    const bytes = make();
    expect(bytes.length).toBeLessThan(2_000_000); // the hostile files themselves are small
    const before = arrayBuffersNow();
    let caught: unknown;
    try {
      fromSafetensors(bytes);
    } catch (e) {
      caught = e;
    }
    const grown = arrayBuffersNow() - before;
    expect(caught).toBeInstanceOf(type);
    const err = caught as Error;
    expect(err.message).toMatch(/^fromSafetensors: /);
    expect(err.message).toMatch(message);
    if (err instanceof SafetensorsError && tensor !== undefined) expect(err.tensor).toBe(tensor);
    // Nothing like the claimed sizes was allocated on the way to the error.
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });

  test('a tensor over the element cap is a RangeError naming it, before anything is allocated', () => {
    const file = toSafetensors({ big: MLArray.from(new Float64Array(64), [8, 8], { dtype: 'float64', requiresGrad: false }) });
    setElementCap(63);
    try {
      expect(() => fromSafetensors(file)).toThrow(RangeError);
      expect(() => fromSafetensors(file)).toThrow('fromSafetensors: tensor "big" of shape [8, 8] has 64 elements, over the element cap of 63; see setElementCap');
    } finally {
      setElementCap(DEFAULT_ELEMENT_CAP);
    }
    expect(fromSafetensors(file).tensors.big.shape).toEqual([8, 8]);
  });

  test('a 1 TB claim inside a real-sized buffer still fails at once', () => {
    // 8 MB of zeros after a header claiming a 1 TB tensor.
    const bytes = build(json({ w: entry('U8', [2 ** 40], [0, 2 ** 40]) }), 8 * 1024 * 1024);
    const before = arrayBuffersNow();
    expect(() => fromSafetensors(bytes)).toThrow(/tensor "w": "data_offsets" \[0, 1099511627776\] run past the end of the data section \(8388608 bytes/);
    expect(arrayBuffersNow() - before).toBeLessThan(4 * 1024 * 1024);
  });

  test.each([
    ['a string', 'abc'],
    ['a plain array', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['a Float32Array', new Float32Array(4)],
    ['a DataView', new DataView(new ArrayBuffer(8))],
    ['null', null],
  ])('bytes given as %s are a TypeError', (what, bytes) => {
    expect(() => fromSafetensors(bytes as never)).toThrow(TypeError);
    expect(() => fromSafetensors(bytes as never)).toThrow(`fromSafetensors: expected a Uint8Array or an ArrayBuffer, got ${what}`);
  });

  test('names like "__proto__" and "constructor" are plain tensors, never prototype changes', () => {
    // Written as text: in an object literal, __proto__ would set the prototype instead.
    const header = '{"__metadata__":{"__proto__":"p"},"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},'
      + '"constructor":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
    const { tensors, metadata } = fromSafetensors(build(header, 8));
    expect(Object.getPrototypeOf(tensors)).toBe(Object.prototype);
    expect(Object.keys(tensors).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.prototype.hasOwnProperty.call(tensors, '__proto__')).toBe(true);
    expect((Object.getOwnPropertyDescriptor(tensors, '__proto__')?.value as MLArray).shape).toEqual([1]);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value).toBe('p');
  });

  test('a BOOL byte other than 0 or 1 is true (1), as numpy, torch and the official reader read it', () => {
    const { tensors } = fromSafetensors(build(json({ m: entry('BOOL', [5], [0, 5]) }), new Uint8Array([1, 0, 2, 255, 0])));
    expect(tensors.m.dtype).toBe('float64');
    expect(Array.from(tensors.m.data)).toEqual([1, 0, 1, 1, 0]);
  });

  test('zero-size tensors may share an offset (the official reader accepts it)', () => {
    const { tensors } = fromSafetensors(build(json({ a: entry('F32', [0], [0, 0]), b: entry('F64', [2, 0], [0, 0]), c: entry('F32', [1], [0, 4]) }), 4));
    expect([tensors.a.shape, tensors.b.shape, tensors.c.shape]).toEqual([[0], [2, 0], [1]]);
  });

  test('"__metadata__": null is read as no metadata, as the official reader does', () => {
    const { tensors, metadata } = fromSafetensors(build(json({ __metadata__: null, w: entry('U8', [2], [0, 2]) }), new Uint8Array([3, 250])));
    expect(metadata).toEqual({});
    expect(Array.from(tensors.w.data)).toEqual([3, 250]);
  });
});
