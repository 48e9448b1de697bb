// Ours → official: the file toSafetensors writes, as the official Python library reads it.
//
// ours.safetensors is the golden output of toSafetensors for OURS below. Every run checks
// that the writer still produces exactly those bytes; `SMOLML_WRITE_FIXTURES=1` rewrites the
// file instead (then rerun scripts/reference/safetensors.py, which reads it with the
// official library and records what it read in ours-read-by-official.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeNumbers } from '../src/codec';
import { MLArray } from '../src/mlarray';
import { fromSafetensors, toSafetensors } from '../src/safetensors';

const DIR = path.join(__dirname, 'fixtures', 'safetensors');
const OURS_FILE = path.join(DIR, 'ours.safetensors');

function f64(data: number[], shape: number[]): MLArray {
  return MLArray.from(new Float64Array(data), shape, { dtype: 'float64', requiresGrad: false });
}
function f32(data: number[], shape: number[]): MLArray {
  return MLArray.from(new Float32Array(data), shape, { dtype: 'float32', requiresGrad: false });
}

// Exact rationals (one IEEE division each), so the values are the same on every platform.
const OURS: Record<string, MLArray> = {
  'layer.weight': f64([0, 1, 2, 3, 4, 5].map((i) => (i - 5) / 7), [2, 3]),
  'layer.bias': f32([0, 1, 2].map((i) => (3 * i - 7) / 9), [3]),
  scalar: f32([1 / 3], []),
  scalar64: f64([-0], []),
  special: f64([NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308], [6]),
  special32: f32([NaN, Infinity, -Infinity, -0, 1e-45, 3.4028234663852886e38], [6]),
  empty: f64([], [0, 4]),
  empty32: f32([], [3, 0]),
  // Names whose order differs between UTF-16 and UTF-8 byte order: the official writer sorts by bytes.
  '\u{1F600}': f64([1], [1]),
  '\uFFFF': f64([2], [1]),
  'é': f64([3], [1]),
  Z: f64([4], [1]),
};
const OURS_METADATA = { z: 'last', a: 'first', 'é': 'ünï', epoch: '3' };

interface OfficialRead {
  generator: string;
  header_length: number;
  header_keys: string[];
  metadata: Record<string, string> | null;
  tensors: Record<string, { read_as: string; st_dtype: string; shape: number[]; data: unknown[] }>;
  torch_dtypes: Record<string, string>;
  official_rewrite: Record<string, boolean>;
  bytes: number;
}

describe('toSafetensors → the official safetensors library', () => {
  const written = toSafetensors(OURS, OURS_METADATA);

  test('writes exactly the committed ours.safetensors', () => {
    if (process.env.SMOLML_WRITE_FIXTURES === '1') fs.writeFileSync(OURS_FILE, written);
    const committed = new Uint8Array(fs.readFileSync(OURS_FILE));
    expect(written.length).toBe(committed.length);
    expect(Buffer.from(written).equals(Buffer.from(committed))).toBe(true);
  });

  const read = JSON.parse(fs.readFileSync(path.join(DIR, 'ours-read-by-official.json'), 'utf8')) as OfficialRead;

  test('the official library read every tensor with our names, dtypes, shapes and values', () => {
    expect(read.generator).toMatch(/safetensors \d/);
    expect(read.bytes).toBe(written.length);
    expect(Object.keys(read.tensors).sort()).toEqual(Object.keys(OURS).sort());
    for (const [name, a] of Object.entries(OURS)) {
      const t = read.tensors[name];
      expect({ name, read_as: t.read_as, st: t.st_dtype, shape: t.shape }).toEqual({
        name,
        read_as: a.dtype,
        st: a.dtype === 'float64' ? 'F64' : 'F32',
        shape: [...a.shape],
      });
      expect(read.torch_dtypes[name]).toBe(a.dtype === 'float64' ? 'torch.float64' : 'torch.float32');
      const values = decodeNumbers(t.data, 'float64', `official read of ${name}`);
      expect(values.length).toBe(a.data.length);
      for (let i = 0; i < values.length; i++) {
        // Object.is: NaN equals NaN, and -0 must stay -0.
        if (!Object.is(values[i], a.data[i])) throw new Error(`${name}[${i}]: official ${values[i]}, ours ${a.data[i]}`);
      }
    }
    expect(read.metadata).toEqual(OURS_METADATA);
  });

  test('the official writer, given what it read, writes the same file (up to its random metadata order)', () => {
    expect(read.official_rewrite).toEqual({
      same_length: true,
      same_header_length: true,
      same_header_json: true,
      same_tensor_order: true,
      same_data_bytes: true,
      ours_header_padded_to_8: true,
    });
    // The tensor order it saw is the official one: F64 first, then F32, each by UTF-8 bytes.
    expect(read.header_keys).toEqual([
      '__metadata__',
      'Z', 'empty', 'layer.weight', 'scalar64', 'special', 'é', '\uFFFF', '\u{1F600}',
      'empty32', 'layer.bias', 'scalar', 'special32',
    ]);
  });

  test('and we read our own file back exactly', () => {
    const back = fromSafetensors(written);
    expect(back.metadata).toEqual(OURS_METADATA);
    for (const [name, a] of Object.entries(OURS)) {
      const b = back.tensors[name];
      expect([b.dtype, [...b.shape]]).toEqual([a.dtype, [...a.shape]]);
      expect(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength).equals(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength))).toBe(true);
    }
  });
});
