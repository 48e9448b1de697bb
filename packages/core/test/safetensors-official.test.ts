// Official → ours: files written by the official Python safetensors library
// (scripts/reference/safetensors.py), read by fromSafetensors and compared with what the
// official library itself read from them (official.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeNumbers } from '../src/codec';
import type { MLArray } from '../src/mlarray';
import { fromSafetensors, halfToNumber } from '../src/safetensors';

const DIR = path.join(__dirname, 'fixtures', 'safetensors');

interface Recorded {
  header_length: number;
  metadata: Record<string, string> | null;
  tensors: Record<string, { read_as: string; st_dtype: string; shape: number[]; data: unknown[] | null }>;
}
const official = JSON.parse(fs.readFileSync(path.join(DIR, 'official.json'), 'utf8')) as { generator: string; files: Record<string, Recorded> };

const OUR_DTYPE: Record<string, 'float64' | 'float32'> = { F64: 'float64', F32: 'float32', F16: 'float32', BF16: 'float32' };
const REFUSED = new Set(['official-i64-beyond-2p53.safetensors', 'official-u64-max.safetensors']);

function file(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(DIR, name)));
}

// Element-wise identity with NaN equal to NaN and -0 distinct from 0.
function expectSame(name: string, got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) throw new Error(`${name}[${i}]: got ${got[i]}, want ${want[i]}`);
  }
}

describe('fromSafetensors reads files written by the official library', () => {
  test('the fixtures are the official library\'s', () => {
    expect(official.generator).toMatch(/^scripts\/reference\/safetensors\.py with safetensors \d+\.\d+/);
    expect(Object.keys(official.files).length).toBe(9);
  });

  const readable = Object.entries(official.files).filter(([f]) => !REFUSED.has(f));

  test.each(readable)('%s: names, dtypes, shapes, values and metadata as the official library read them', (fname, rec) => {
    const { tensors, metadata } = fromSafetensors(file(fname));
    expect(metadata).toEqual(rec.metadata ?? {});
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(rec.tensors).sort());
    for (const [name, t] of Object.entries(rec.tensors)) {
      const a = tensors[name];
      expect({ name, dtype: a.dtype, shape: [...a.shape], requiresGrad: a.requiresGrad }).toEqual({
        name,
        dtype: OUR_DTYPE[t.st_dtype] ?? 'float64',
        shape: t.shape,
        requiresGrad: false,
      });
      if (t.data !== null) expectSame(`${fname}:${name}`, a.data, decodeNumbers(t.data, 'float64', name));
    }
  });

  test('F16: all 65536 bit patterns widen to what torch widens them to', () => {
    const { tensors } = fromSafetensors(file('official-f16.safetensors'));
    const ours = tensors.all_bits.data, torch = tensors.all_bits_as_f32.data;
    expect(ours).toBeInstanceOf(Float32Array);
    expect(ours.length).toBe(65536);
    let nans = 0;
    for (let h = 0; h < 65536; h++) {
      if (Number.isNaN(torch[h])) {
        // NaN payloads are not carried over, NaN-ness is.
        expect(Number.isNaN(ours[h])).toBe(true);
        nans++;
      } else if (!Object.is(ours[h], torch[h])) {
        throw new Error(`half 0x${h.toString(16)}: ours ${ours[h]}, torch ${torch[h]}`);
      }
      if (!Object.is(halfToNumber(h), ours[h])) expect(Number.isNaN(halfToNumber(h)) && Number.isNaN(ours[h])).toBe(true);
    }
    expect(nans).toBe(2 * 1023); // exponent 31 with a non-zero mantissa, both signs
  });

  test('halfToNumber agrees with the IEEE binary16 definition at its landmarks', () => {
    expect(halfToNumber(0x3c00)).toBe(1);
    expect(halfToNumber(0x7bff)).toBe(65504); // largest finite
    expect(halfToNumber(0x0400)).toBe(2 ** -14); // smallest normal
    expect(halfToNumber(0x0001)).toBe(2 ** -24); // smallest subnormal
    expect(Object.is(halfToNumber(0x8000), -0)).toBe(true);
    expect(halfToNumber(0x7c00)).toBe(Infinity);
    expect(halfToNumber(0xfc00)).toBe(-Infinity);
    expect(halfToNumber(0x7e00)).toBeNaN();
    expect(halfToNumber(0xc000)).toBe(-2);
    expect(() => halfToNumber(65536)).toThrow(RangeError);
    expect(() => halfToNumber(1.5)).toThrow(RangeError);
  });

  test('BF16: 4104 bit patterns (every exponent, the specials) widen to what torch widens them to', () => {
    const { tensors } = fromSafetensors(file('official-bf16.safetensors'));
    const ours = tensors.patterns.data, torch = tensors.patterns_as_f32.data;
    expect(ours.length).toBe(4104);
    for (let i = 0; i < ours.length; i++) {
      if (Number.isNaN(torch[i])) expect(Number.isNaN(ours[i])).toBe(true);
      else if (!Object.is(ours[i], torch[i])) throw new Error(`bf16 pattern ${i}: ours ${ours[i]}, torch ${torch[i]}`);
    }
  });

  test('a PyTorch state dict (Linear + BatchNorm1d) loads whole, the I64 counter too', () => {
    const { tensors, metadata } = fromSafetensors(file('official-state-dict.safetensors'));
    expect(metadata).toEqual({ format: 'pt' });
    const summary = Object.fromEntries(Object.entries(tensors).map(([k, v]) => [k, [v.dtype, [...v.shape]]]));
    expect(summary).toEqual({
      '0.weight': ['float32', [3, 4]],
      '0.bias': ['float32', [3]],
      '1.weight': ['float32', [3]],
      '1.bias': ['float32', [3]],
      '1.running_mean': ['float32', [3]],
      '1.running_var': ['float32', [3]],
      '1.num_batches_tracked': ['float64', []],
    });
    expect(tensors['1.num_batches_tracked'].data[0]).toBe(3);
  });

  test('64-bit integers beyond 2^53 are RangeErrors naming the tensor and the value', () => {
    expect(() => fromSafetensors(file('official-i64-beyond-2p53.safetensors'))).toThrow(RangeError);
    expect(() => fromSafetensors(file('official-i64-beyond-2p53.safetensors'))).toThrow(
      'fromSafetensors: tensor "counter": I64 element 1 is 9007199254740993, beyond 2^53 where float64 is no longer exact',
    );
    expect(() => fromSafetensors(file('official-u64-max.safetensors'))).toThrow(/tensor "big": U64 element 0 is 18446744073709551615, beyond 2\^53/);
  });

  test('an unpadded header (tensors at unaligned offsets) reads correctly, as the official reader does', () => {
    const rec = official.files['official-unpadded.safetensors'];
    expect((8 + rec.header_length) % 4).not.toBe(0);
    const { tensors } = fromSafetensors(file('official-unpadded.safetensors'));
    expectSame('a', tensors.a.data, [1.5, -0, Math.PI]);
    expectSame('b', tensors.b.data, [Math.fround(0.1), -3]);
  });

  test.each([1, 2, 3, 5, 7])('every official file reads the same from a view at byte offset %i (and from an ArrayBuffer)', (shift) => {
    for (const [fname] of readable) {
      const bytes = file(fname);
      const big = new Uint8Array(bytes.length + shift + 3);
      big.set(bytes, shift);
      const view = big.subarray(shift, shift + bytes.length);
      const a = fromSafetensors(bytes), b = fromSafetensors(view), c = fromSafetensors(bytes.slice().buffer);
      for (const name of Object.keys(a.tensors)) {
        for (const other of [b.tensors[name], c.tensors[name]] as MLArray[]) {
          expect(other.dtype).toBe(a.tensors[name].dtype);
          expect(other.shape).toEqual(a.tensors[name].shape);
          expectSame(`${fname}:${name}@${shift}`, other.data, a.tensors[name].data);
        }
      }
    }
  });

  test('the loaded arrays own their data: changing them leaves the file alone', () => {
    const bytes = file('official-f64.safetensors');
    const before = Buffer.from(bytes);
    const { tensors } = fromSafetensors(bytes);
    tensors.matrix.data[0] = 12345;
    expect(Buffer.from(bytes).equals(before)).toBe(true);
  });
});
