import fc from 'fast-check';
import { MLArray } from '../src/mlarray';
import { fromSafetensors, toSafetensors } from '../src/safetensors';

function arr(data: number[], shape: number[], dtype: 'float64' | 'float32' = 'float64'): MLArray {
  const typed = dtype === 'float32' ? new Float32Array(data) : new Float64Array(data);
  return MLArray.from(typed, shape, { dtype, requiresGrad: false });
}

function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function header(file: Uint8Array): { n: number; text: string; json: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }> } {
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  const text = new TextDecoder().decode(file.subarray(8, 8 + n));
  return { n, text, json: JSON.parse(text) };
}

describe('toSafetensors / fromSafetensors round trips', () => {
  test('both dtypes, 0-d, empty, NaN, ±Infinity and -0 come back bit for bit with dtype and shape', () => {
    const tensors = {
      w64: arr([1.5, -2.25, 1 / 3, 1e-310, -1e300, 7], [2, 3]),
      w32: arr([1.5, -2.25, 1 / 3, 1e-40, 7, 0.1], [3, 2], 'float32'),
      s64: arr([-0], []),
      s32: arr([NaN], [], 'float32'),
      e64: arr([], [0]),
      e32: arr([], [2, 0, 3], 'float32'),
      special64: arr([NaN, Infinity, -Infinity, -0, 0], [5]),
      special32: arr([NaN, Infinity, -Infinity, -0, 0], [5], 'float32'),
    };
    const back = fromSafetensors(toSafetensors(tensors)).tensors;
    expect(Object.keys(back).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, a] of Object.entries(tensors)) {
      const b = back[name];
      expect([name, b.dtype, [...b.shape], b.requiresGrad]).toEqual([name, a.dtype, [...a.shape], false]);
      expect(b.data.constructor).toBe(a.data.constructor);
      expect(bytesOf(b.data).equals(bytesOf(a.data))).toBe(true);
    }
    expect(Object.is(back.s64.data[0], -0)).toBe(true);
  });

  test('metadata round trips; absent metadata reads as {} and writes no __metadata__', () => {
    const t = { x: arr([1], [1]) };
    expect(fromSafetensors(toSafetensors(t, { a: '1', 'ü': 'ÿ', empty: '' })).metadata).toEqual({ a: '1', 'ü': 'ÿ', empty: '' });
    const none = toSafetensors(t);
    expect(fromSafetensors(none).metadata).toEqual({});
    expect(header(none).json).not.toHaveProperty('__metadata__');
    expect(header(toSafetensors(t, {})).text.startsWith('{"__metadata__":{},')).toBe(true);
    expect(fromSafetensors(toSafetensors({})).tensors).toEqual({});
  });

  test('the layout is the official one: LE length, space-padded header, contiguous sorted data', () => {
    const file = toSafetensors({ b: arr([1, 2], [2], 'float32'), a: arr([3], [1], 'float32'), z: arr([4, 5], [1, 2]), c: arr([6], []) }, { k: 'v' });
    const { n, text, json } = header(file);
    expect((8 + n) % 8).toBe(0);
    expect(text).toBe(`${'{"__metadata__":{"k":"v"},"c":{"dtype":"F64","shape":[],"data_offsets":[0,8]},"z":{"dtype":"F64","shape":[1,2],"data_offsets":[8,24]},'
      + '"a":{"dtype":"F32","shape":[1],"data_offsets":[24,28]},"b":{"dtype":"F32","shape":[2],"data_offsets":[28,36]}}'}${' '.repeat(n - text.trimEnd().length)}`);
    expect(text.trimEnd().length).toBeGreaterThan(n - 8);
    expect(file.length).toBe(8 + n + 36);
    const data = new DataView(file.buffer, file.byteOffset + 8 + n);
    expect(data.getFloat64(0, true)).toBe(6);
    expect([data.getFloat64(8, true), data.getFloat64(16, true)]).toEqual([4, 5]);
    expect([data.getFloat32(24, true), data.getFloat32(28, true), data.getFloat32(32, true)]).toEqual([3, 1, 2]);
    expect(json.z.data_offsets).toEqual([8, 24]);
  });

  test('gradients and graphs are not written; the loaded arrays are fresh leaves without grad', () => {
    const w = MLArray.from([1, 2, 3], [3], { dtype: 'float64' });
    w.mul(2).sum().backward();
    const back = fromSafetensors(toSafetensors({ w })).tensors.w;
    expect(Array.from(back.data)).toEqual([1, 2, 3]);
    expect(back.requiresGrad).toBe(false);
    expect(back.grad).toBeNull();
  });

  test('the inputs are not modified', () => {
    const a = arr([1, NaN, -0], [3]);
    const copy = Buffer.from(bytesOf(a.data));
    const tensors = { a };
    const meta = { x: 'y' };
    toSafetensors(tensors, meta);
    expect(bytesOf(a.data).equals(copy)).toBe(true);
    expect(Object.keys(tensors)).toEqual(['a']);
    expect(meta).toEqual({ x: 'y' });
  });

  describe('bad arguments to toSafetensors', () => {
    test.each([
      ['null', null, TypeError, 'toSafetensors: expected an object of named MLArrays, got null'],
      ['an array', [arr([1], [1])], TypeError, 'toSafetensors: expected an object of named MLArrays, got a plain array'],
      ['an MLArray itself', arr([1], [1]), TypeError, 'toSafetensors: expected an object of named MLArrays, got an MLArray'],
      ['a plain array value', { w: [1, 2] }, TypeError, 'toSafetensors: tensors["w"] must be an MLArray, got a plain array'],
      ['a typed array value', { w: new Float64Array(2) }, TypeError, 'toSafetensors: tensors["w"] must be an MLArray, got a Float64Array'],
      ['a forged MLArray', { w: { shape: [1], data: new Float64Array(1), dtype: 'float64' } }, TypeError, 'toSafetensors: tensors["w"] must be an MLArray, got an object'],
      ['the reserved name', { __metadata__: arr([1], [1]) }, RangeError, 'toSafetensors: "__metadata__" is reserved for the metadata and cannot name a tensor'],
      ['a lone surrogate in a name', { ['a\uD800']: arr([1], [1]) }, TypeError, 'toSafetensors: tensor name "a\\ud800" is not well-formed Unicode (a lone surrogate)'],
    ])('%s', (_n, tensors, type, message) => {
      expect(() => toSafetensors(tensors as never)).toThrow(type);
      expect(() => toSafetensors(tensors as never)).toThrow(message);
    });

    test.each([
      ['null', null, 'toSafetensors: metadata must be an object of strings, got null'],
      ['a number value', { epoch: 3 }, 'toSafetensors: metadata["epoch"] must be a string, got a number'],
      ['a lone surrogate', { k: '\uDC00' }, 'toSafetensors: metadata["k"] "\\udc00" is not well-formed Unicode (a lone surrogate)'],
    ])('metadata: %s', (_n, meta, message) => {
      expect(() => toSafetensors({ w: arr([1], [1]) }, meta as never)).toThrow(TypeError);
      expect(() => toSafetensors({ w: arr([1], [1]) }, meta as never)).toThrow(message);
    });

    test('a header over 100 MB is refused at write time (the format\'s readers would refuse it)', () => {
      expect(() => toSafetensors({ w: arr([1], [1]) }, { big: 'x'.repeat(100_000_001) })).toThrow(
        /toSafetensors: the header would take \d+ bytes, over the 100000000-byte limit/,
      );
    });
  });
});

describe('round-trip properties', () => {
  // Any 64-bit pattern is a double (NaN payloads, subnormals, -0 included); likewise for 32 bits.
  const bits64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
  const bits32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
  const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });
  const tensorArb = fc.tuple(fc.constantFrom<'float64' | 'float32'>('float64', 'float32'), shapeArb).chain(([dtype, shape]) => {
    const size = shape.reduce((p, d) => p * d, 1);
    return (dtype === 'float64'
      ? fc.array(bits64, { minLength: size, maxLength: size }).map((b) => new Float64Array(BigUint64Array.from(b).buffer))
      : fc.array(bits32, { minLength: size, maxLength: size }).map((b) => new Float32Array(Uint32Array.from(b).buffer))
    ).map((data) => MLArray.from(data, shape, { dtype, requiresGrad: false }));
  });
  const nameArb = fc.string({ unit: 'binary', maxLength: 8 }).filter((s) => s !== '__metadata__');
  const dictArb = fc.dictionary(nameArb, tensorArb, { maxKeys: 6 });
  const metaArb = fc.option(fc.dictionary(nameArb, fc.string({ unit: 'binary', maxLength: 12 }), { maxKeys: 4 }), { nil: undefined });

  test('property: every tensor, name and metadata value comes back bit for bit, and writing again gives the same bytes', () => {
    fc.assert(
      fc.property(dictArb, metaArb, (tensors, metadata) => {
        const file = toSafetensors(tensors, metadata);
        const { n } = header(file);
        expect((8 + n) % 8).toBe(0);
        const back = fromSafetensors(file);
        expect(back.metadata).toEqual(metadata ?? {});
        expect(Object.keys(back.tensors).sort()).toEqual(Object.keys(tensors).sort());
        for (const [name, a] of Object.entries(tensors)) {
          const b = back.tensors[name];
          expect([b.dtype, [...b.shape]]).toEqual([a.dtype, [...a.shape]]);
          expect(bytesOf(b.data).equals(bytesOf(a.data))).toBe(true);
        }
        expect(Buffer.from(toSafetensors(back.tensors, metadata)).equals(Buffer.from(file))).toBe(true);
      }),
      { seed: 424242, numRuns: 150 },
    );
  });

  test('property: any truncation of a valid file is a clear SafetensorsError, never a crash or a wrong read', () => {
    const file = toSafetensors({ a: arr([1, 2, 3], [3]), b: arr([4, 5], [2], 'float32') }, { m: 'x' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: file.length - 1 }), (cut) => {
        expect(() => fromSafetensors(file.subarray(0, cut))).toThrow(/^fromSafetensors: /);
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  test('property: flipping any one header byte gives a correct read or a clear error', () => {
    const file = toSafetensors({ a: arr([1, 2, 3], [3]), b: arr([4, 5], [2], 'float32') }, { m: 'x' });
    const n = header(file).n;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 + n - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const bad = file.slice();
        bad[at] = byte;
        try {
          const { tensors } = fromSafetensors(bad);
          // If it still parses, it must describe the data consistently.
          for (const t of Object.values(tensors)) expect(t.data.length).toBe(t.shape.reduce((p, d) => p * d, 1));
        } catch (e) {
          expect((e as Error).message).toMatch(/^fromSafetensors: /);
          expect(e instanceof TypeError).toBe(false);
        }
      }),
      { seed: 6, numRuns: 300 },
    );
  });
});
