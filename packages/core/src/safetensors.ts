// The safetensors file format (https://github.com/huggingface/safetensors), so weights move
// between SmolML and PyTorch/numpy/JAX without pickle:
//
//   [8 bytes: N, unsigned little-endian] [N bytes: JSON header, UTF-8, space-padded]
//   [data section: every tensor's raw little-endian bytes, back to back]
//
// The header maps each tensor name to { dtype, shape, data_offsets: [begin, end] } (offsets
// relative to the data section) and may hold "__metadata__": { string: string }.
import { MLARRAY_BRAND, hasBrand } from './brand';
import { elementCap } from './alloc';
import { describeArg, fmtShape } from './errors';
import { MLArray } from './mlarray';
import { MAX_DIMS } from './shape';

/** The largest header the official reader accepts (100 MB), and so the largest we read or write. */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

const METADATA_KEY = '__metadata__';

// Bytes per element of every dtype we read.
const WIDTH: Readonly<Record<string, number>> = {
  F64: 8, F32: 4, F16: 2, BF16: 2,
  I64: 8, I32: 4, I16: 2, I8: 1,
  U64: 8, U32: 4, U16: 2, U8: 1,
  BOOL: 1,
};

// Dtypes of the specification that we recognise but do not read (named as such in errors).
const UNSUPPORTED = new Set(['F8_E5M2', 'F8_E4M3', 'F8_E8M0', 'F6_E2M3', 'F6_E3M2', 'F4', 'C64']);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A malformed, truncated or hostile safetensors file. The message starts with
 * `fromSafetensors:` and names the tensor (`tensor "w": ...`) or the header part at fault;
 * {@link SafetensorsError.tensor} holds the tensor's name when one is to blame.
 *
 * @example
 * try { fromSafetensors(new Uint8Array(3)); } catch (e) { e instanceof SafetensorsError; }
 */
export class SafetensorsError extends Error {
  /** The tensor the problem is in, or null for problems of the file or header as a whole. */
  readonly tensor: string | null;

  constructor(message: string, tensor: string | null = null) {
    super(`fromSafetensors: ${tensor === null ? '' : `tensor ${JSON.stringify(tensor)}: `}${message}`);
    this.name = 'SafetensorsError';
    this.tensor = tensor;
  }
}

/** What {@link fromSafetensors} returns: the tensors by name and the header's `__metadata__` (`{}` when absent). */
export interface SafetensorsContents {
  tensors: Record<string, MLArray>;
  metadata: Record<string, string>;
}

/**
 * Writes `tensors` (and optional string `metadata`) in the safetensors format, byte for
 * byte as the official writer (`safetensors.torch.save`) lays it out: float64 arrays as
 * `F64`, float32 as `F32`; the data section holds the tensors sorted as that writer sorts
 * them (`F64` before `F32`, then by name in UTF-8 byte order), contiguous; the header
 * lists `__metadata__` first (keys sorted, omitted when `metadata` is undefined) and then
 * the tensors in data order, as compact JSON padded with spaces to a multiple of 8 bytes
 * so that every tensor starts aligned. 0-d arrays are shape `[]`; NaN, ±Infinity and -0
 * are kept bit for bit.
 *
 * A value that is not an MLArray, a metadata value that is not a string, or a name that
 * is not well-formed Unicode is a TypeError; the name `"__metadata__"` or a header over
 * 100 MB is a RangeError.
 *
 * @example
 * const bytes = toSafetensors({ weight: W, bias: b }, { epoch: '3' });
 * // Python: safetensors.numpy.load(bytes) → {'bias': array(...), 'weight': array(...)}
 */
export function toSafetensors(tensors: Record<string, MLArray>, metadata?: Record<string, string>): Uint8Array {
  const op = 'toSafetensors';
  if (typeof tensors !== 'object' || tensors === null || Array.isArray(tensors) || hasBrand(tensors, MLARRAY_BRAND)) {
    throw new TypeError(`${op}: expected an object of named MLArrays, got ${describeArg(tensors)}`);
  }
  let meta: [string, string][] | null = null;
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new TypeError(`${op}: metadata must be an object of strings, got ${describeArg(metadata)}`);
    }
    meta = [];
    for (const key of Object.keys(metadata)) {
      checkName(op, 'metadata key', key);
      const v: unknown = metadata[key];
      if (typeof v !== 'string') throw new TypeError(`${op}: metadata[${JSON.stringify(key)}] must be a string, got ${describeArg(v)}`);
      checkName(op, `metadata[${JSON.stringify(key)}]`, v);
      meta.push([key, v]);
    }
    meta.sort((a, b) => compareUtf8(a[0], b[0]));
  }

  type Entry = { name: string; dtype: 'F64' | 'F32'; a: MLArray; bytes: number };
  const entries: Entry[] = [];
  for (const name of Object.keys(tensors)) {
    if (name === METADATA_KEY) throw new RangeError(`${op}: "${METADATA_KEY}" is reserved for the metadata and cannot name a tensor`);
    checkName(op, 'tensor name', name);
    const a: unknown = tensors[name];
    if (!hasBrand(a, MLARRAY_BRAND)) throw new TypeError(`${op}: tensors[${JSON.stringify(name)}] must be an MLArray, got ${describeArg(a)}`);
    const arr = a as MLArray;
    let size = 1;
    for (let i = 0; i < arr.shape.length; i++) size *= arr.shape[i];
    if (arr.data.length !== size) {
      throw new RangeError(`${op}: tensors[${JSON.stringify(name)}] of shape ${fmtShape(arr.shape)} holds ${arr.data.length} elements instead of ${size} (disposed?)`);
    }
    const dtype = arr.dtype === 'float32' ? 'F32' : 'F64';
    entries.push({ name, dtype, a: arr, bytes: arr.data.byteLength });
  }
  // The official writer's order: wider dtype first (F64 before F32), then name by UTF-8 bytes.
  entries.sort((x, y) => (x.dtype === y.dtype ? compareUtf8(x.name, y.name) : x.dtype === 'F64' ? -1 : 1));

  // Build the header by hand so the key order is exactly the official one.
  const parts: string[] = [];
  if (meta !== null) {
    parts.push(`${JSON.stringify(METADATA_KEY)}:{${meta.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
  }
  let offset = 0;
  for (const e of entries) {
    const end = offset + e.bytes;
    parts.push(`${JSON.stringify(e.name)}:{"dtype":"${e.dtype}","shape":[${e.a.shape.join(',')}],"data_offsets":[${offset},${end}]}`);
    offset = end;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = json.length + ((8 - (json.length % 8)) % 8);
  if (headerLength > SAFETENSORS_MAX_HEADER_BYTES) {
    throw new RangeError(`${op}: the header would take ${headerLength} bytes, over the ${SAFETENSORS_MAX_HEADER_BYTES}-byte limit of the format's readers (shorten the metadata or the names)`);
  }
  const total = 8 + headerLength + offset;
  let out: Uint8Array;
  try {
    out = new Uint8Array(total);
  } catch {
    throw new RangeError(`${op}: the file would take ${total} bytes, more than one Uint8Array can hold`);
  }
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength % 4294967296, true);
  view.setUint32(4, Math.floor(headerLength / 4294967296), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);

  let pos = 8 + headerLength;
  for (const e of entries) {
    const data = e.a.data;
    if (LITTLE_ENDIAN) {
      out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), pos);
    } else if (e.dtype === 'F64') {
      for (let i = 0; i < data.length; i++) view.setFloat64(pos + 8 * i, data[i], true);
    } else {
      for (let i = 0; i < data.length; i++) view.setFloat32(pos + 4 * i, data[i], true);
    }
    pos += e.bytes;
  }
  return out;
}

/**
 * Reads a safetensors file (as the official library writes it, from PyTorch, numpy, JAX…).
 * `F64` loads as float64 and `F32` as float32; `F16` and `BF16` are widened (exactly) to
 * float32; the integer dtypes (`I8`–`I64`, `U8`–`U64`) and `BOOL` load as float64, so a
 * whole PyTorch state dict (BatchNorm's `I64` `num_batches_tracked` too) loads. Every
 * tensor is a new array with `requiresGrad: false`; the file's bytes are copied, never
 * aliased, and may sit at any byte offset (a slice of a larger buffer).
 *
 * The whole header is checked before any tensor is allocated, so a malformed, truncated or
 * hostile file fails at once with a {@link SafetensorsError} naming the tensor or header
 * part: fewer than 8 bytes; a header length over 100 MB (the official limit) or past the
 * end of the file; a header that is not UTF-8 JSON or not an object; `__metadata__` that
 * is not an object of strings; an entry without a known dtype, with a shape that is not a
 * list of non-negative integers (at most 64), or with `data_offsets` that are not
 * `[begin, end]` integers inside the data section matching shape × dtype size; holes,
 * overlaps or trailing bytes in the data section. A `U64` or `I64` value beyond ±2^53 (not
 * exact as a double) and a tensor over {@link elementCap} elements are RangeErrors naming
 * the tensor; a `bytes` argument that is neither a Uint8Array nor an ArrayBuffer is a
 * TypeError. A `BOOL` byte other than 0 reads as 1, as numpy and torch read it.
 *
 * @example
 * const { tensors, metadata } = fromSafetensors(fs.readFileSync('model.safetensors'));
 * tensors['fc.weight'].shape; // e.g. [10, 784] (PyTorch's Linear stores (out, in))
 */
export function fromSafetensors(bytes: Uint8Array | ArrayBuffer): SafetensorsContents {
  let src: Uint8Array;
  if (bytes instanceof Uint8Array) src = bytes;
  else if (bytes instanceof ArrayBuffer) src = new Uint8Array(bytes);
  else throw new TypeError(`fromSafetensors: expected a Uint8Array or an ArrayBuffer, got ${describeArg(bytes)}`);

  if (src.length < 8) throw new SafetensorsError(`the file is ${src.length} bytes, too short for the 8-byte header length`);
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const lo = view.getUint32(0, true), hi = view.getUint32(4, true);
  if (hi !== 0 || lo > SAFETENSORS_MAX_HEADER_BYTES) {
    const claimed = (BigInt(hi) << 32n) | BigInt(lo);
    throw new SafetensorsError(`the header length is ${claimed} bytes, over the ${SAFETENSORS_MAX_HEADER_BYTES}-byte limit`);
  }
  const n = lo;
  if (8 + n > src.length) {
    throw new SafetensorsError(`the header length is ${n} bytes but the file has only ${src.length - 8} bytes after the 8-byte length (truncated?)`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(src.subarray(8, 8 + n));
  } catch {
    throw new SafetensorsError('the header is not valid UTF-8');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError(`the header must be a JSON object, got ${describeArg(header)}`);
  }
  const h = header as Record<string, unknown>;
  const dataStart = 8 + n;
  const dataLength = src.length - dataStart;

  const metadata: Record<string, string> = {};
  type Plan = { name: string; dtype: string; shape: number[]; size: number; begin: number; end: number };
  const plans: Plan[] = [];
  for (const name of Object.keys(h)) {
    const entry = h[name];
    if (name === METADATA_KEY) {
      if (entry === null) continue; // the official reader takes null as "no metadata"
      if (typeof entry !== 'object' || Array.isArray(entry)) {
        throw new SafetensorsError(`"${METADATA_KEY}" must be an object of strings, got ${describeArg(entry)}`);
      }
      for (const key of Object.keys(entry)) {
        const v = (entry as Record<string, unknown>)[key];
        if (typeof v !== 'string') throw new SafetensorsError(`"${METADATA_KEY}"[${JSON.stringify(key)}] must be a string, got ${describeArg(v)}`);
        define(metadata, key, v);
      }
      continue;
    }
    plans.push(planTensor(name, entry, dataLength));
  }

  // Contiguity: sorted by position, each tensor starts where the previous one ended, the
  // first at 0 and the last at the end of the file (as the official reader checks).
  const order = plans.slice().sort((x, y) => x.begin - y.begin || x.end - y.end);
  let at = 0;
  let prev: string | null = null;
  for (const p of order) {
    if (p.begin > at) {
      throw new SafetensorsError(`data_offsets [${p.begin}, ${p.end}] leave a hole: bytes ${at}..${p.begin} ${prev === null ? 'at the start of the data section' : `after tensor ${JSON.stringify(prev)}`} belong to no tensor`, p.name);
    }
    if (p.begin < at) {
      throw new SafetensorsError(`data_offsets [${p.begin}, ${p.end}] overlap tensor ${JSON.stringify(prev)}, which ends at ${at}`, p.name);
    }
    at = p.end;
    prev = p.name;
  }
  if (at !== dataLength) {
    throw new SafetensorsError(`the data section has ${dataLength} bytes but the tensors cover ${at}: ${dataLength - at} trailing bytes belong to no tensor`);
  }

  const cap = elementCap();
  for (const p of plans) {
    if (p.size > cap) {
      throw new RangeError(`fromSafetensors: tensor ${JSON.stringify(p.name)} of shape ${fmtShape(p.shape)} has ${p.size} elements, over the element cap of ${cap}; see setElementCap`);
    }
  }

  const tensors: Record<string, MLArray> = {};
  for (const p of plans) define(tensors, p.name, decode(src, view, dataStart, p));
  return { tensors, metadata };
}

// Checks one header entry against the data section, allocating nothing.
function planTensor(name: string, entry: unknown, dataLength: number): { name: string; dtype: string; shape: number[]; size: number; begin: number; end: number } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new SafetensorsError(`the header entry must be an object { dtype, shape, data_offsets }, got ${describeArg(entry)}`, name);
  }
  const e = entry as Record<string, unknown>;
  const dtype = e.dtype;
  if (typeof dtype !== 'string') throw new SafetensorsError(`"dtype" must be a string, got ${describeArg(dtype)}`, name);
  const width = Object.prototype.hasOwnProperty.call(WIDTH, dtype) ? WIDTH[dtype] : 0;
  if (width === 0) {
    throw new SafetensorsError(
      UNSUPPORTED.has(dtype)
        ? `dtype "${dtype}" is not supported (readable: ${Object.keys(WIDTH).join(', ')})`
        : `unknown dtype ${JSON.stringify(dtype)} (readable: ${Object.keys(WIDTH).join(', ')})`,
      name,
    );
  }
  const rawShape = e.shape;
  if (!Array.isArray(rawShape)) throw new SafetensorsError(`"shape" must be an array of integers, got ${describeArg(rawShape)}`, name);
  if (rawShape.length > MAX_DIMS) throw new SafetensorsError(`"shape" has ${rawShape.length} dimensions, more than the ${MAX_DIMS} allowed`, name);
  const shape: number[] = [];
  let size = 1;
  for (let i = 0; i < rawShape.length; i++) {
    const d: unknown = rawShape[i];
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new SafetensorsError(`"shape"[${i}] must be a non-negative integer, got ${typeof d === 'number' ? d : describeArg(d)}`, name);
    }
    shape.push(d + 0); // -0 → 0
    size *= d; // a float product: huge shapes stay huge (never wrap), and fail the size check below
  }
  const offsets = e.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2) {
    throw new SafetensorsError(`"data_offsets" must be [begin, end], got ${Array.isArray(offsets) ? `an array of ${offsets.length}` : describeArg(offsets)}`, name);
  }
  const [begin, end] = offsets as unknown[];
  for (const [which, v] of [['begin', begin], ['end', end]] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new SafetensorsError(`"data_offsets" ${which} must be a non-negative integer, got ${typeof v === 'number' ? v : describeArg(v)}`, name);
    }
  }
  const b = begin as number, en = end as number;
  if (en < b) throw new SafetensorsError(`"data_offsets" [${b}, ${en}] end before they begin`, name);
  if (en > dataLength) {
    throw new SafetensorsError(`"data_offsets" [${b}, ${en}] run past the end of the data section (${dataLength} bytes; truncated?)`, name);
  }
  const need = size * width;
  if (need !== en - b) {
    throw new SafetensorsError(`"data_offsets" [${b}, ${en}] span ${en - b} bytes but shape ${fmtShape(shape)} of ${dtype} needs ${need}`, name);
  }
  return { name, dtype, shape, size, begin: b, end: en };
}

// One tensor's bytes as an MLArray (MLArray.from copies, so nothing aliases the file).
// Aligned floats on a little-endian host are handed over as a typed view (one memcpy);
// anything else goes through a DataView with explicit little-endian reads, which works at
// every offset on every host.
function decode(src: Uint8Array, view: DataView, dataStart: number, p: { name: string; dtype: string; shape: number[]; size: number; begin: number }): MLArray {
  const at = dataStart + p.begin; // relative to src (and to view)
  const count = p.size;
  const abs = src.byteOffset + at;
  const opts = { requiresGrad: false } as const;
  switch (p.dtype) {
    case 'F64': {
      let out: Float64Array;
      if (LITTLE_ENDIAN && abs % 8 === 0) out = new Float64Array(src.buffer, abs, count);
      else {
        out = new Float64Array(count);
        for (let i = 0; i < count; i++) out[i] = view.getFloat64(at + 8 * i, true);
      }
      return MLArray.from(out, p.shape, { ...opts, dtype: 'float64' });
    }
    case 'F32': {
      let out: Float32Array;
      if (LITTLE_ENDIAN && abs % 4 === 0) out = new Float32Array(src.buffer, abs, count);
      else {
        out = new Float32Array(count);
        for (let i = 0; i < count; i++) out[i] = view.getFloat32(at + 4 * i, true);
      }
      return MLArray.from(out, p.shape, { ...opts, dtype: 'float32' });
    }
    case 'F16': {
      const table = halfTable();
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = table[view.getUint16(at + 2 * i, true)];
      return MLArray.from(out, p.shape, { ...opts, dtype: 'float32' });
    }
    case 'BF16': {
      // bfloat16 is the top half of a float32: shift its bits into place.
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = view.getUint16(at + 2 * i, true) << 16;
      return MLArray.from(out, p.shape, { ...opts, dtype: 'float32' });
    }
  }
  const out = new Float64Array(count);
  switch (p.dtype) {
    // Any non-zero byte is true, as numpy, torch and the official reader take it.
    case 'BOOL': for (let i = 0; i < count; i++) out[i] = src[at + i] === 0 ? 0 : 1; break;
    case 'U8': for (let i = 0; i < count; i++) out[i] = src[at + i]; break;
    case 'I8': for (let i = 0; i < count; i++) out[i] = view.getInt8(at + i); break;
    case 'U16': for (let i = 0; i < count; i++) out[i] = view.getUint16(at + 2 * i, true); break;
    case 'I16': for (let i = 0; i < count; i++) out[i] = view.getInt16(at + 2 * i, true); break;
    case 'U32': for (let i = 0; i < count; i++) out[i] = view.getUint32(at + 4 * i, true); break;
    case 'I32': for (let i = 0; i < count; i++) out[i] = view.getInt32(at + 4 * i, true); break;
    case 'U64':
    case 'I64': {
      const signed = p.dtype === 'I64';
      for (let i = 0; i < count; i++) {
        const o = at + 8 * i;
        const low = view.getUint32(o, true);
        const high = signed ? view.getInt32(o + 4, true) : view.getUint32(o + 4, true);
        // Exact as a double while |value| <= 2^53: high in [-2^21, 2^21), or exactly ±2^53.
        if (high >= 2097152 || high < -2097152) {
          if (!(low === 0 && (high === 2097152 || high === -2097152))) {
            const value = signed ? view.getBigInt64(o, true) : view.getBigUint64(o, true);
            throw new RangeError(`fromSafetensors: tensor ${JSON.stringify(p.name)}: ${p.dtype} element ${i} is ${value}, beyond 2^53 where float64 is no longer exact`);
          }
        }
        out[i] = high * 4294967296 + low;
      }
      break;
    }
  }
  return MLArray.from(out, p.shape, { ...opts, dtype: 'float64' });
}

let HALF: Float32Array | null = null;

// Every IEEE binary16 value as a float32 (all are exact in float32), built once on first use:
// sign s, exponent e (5 bits), mantissa m (10 bits):
//   e = 0: (-1)^s · m · 2^-24 (subnormal, ±0);  e = 31: ±Infinity (m = 0) or NaN;
//   else:  (-1)^s · (1 + m/1024) · 2^(e-15).
function halfTable(): Float32Array {
  if (HALF !== null) return HALF;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const e = (h >>> 10) & 0x1f, m = h & 0x3ff;
    let v: number;
    if (e === 0) v = m * 2 ** -24;
    else if (e === 31) v = m === 0 ? Infinity : NaN;
    else v = (1 + m / 1024) * 2 ** (e - 15);
    t[h] = h & 0x8000 ? -v : v;
  }
  HALF = t;
  return t;
}

/**
 * One IEEE-754 binary16 (half) bit pattern as a number: what `fromSafetensors` does with
 * every `F16` element. @example halfToNumber(0x3c00); // 1
 */
export function halfToNumber(bits: number): number {
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 0 || bits > 0xffff) {
    throw new RangeError(`halfToNumber: expected an integer bit pattern in [0, 65535], got ${typeof bits === 'number' ? bits : describeArg(bits)}`);
  }
  return halfTable()[bits];
}

// Sets an own property even for names such as "__proto__", which plain assignment would
// turn into a prototype change.
function define<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkName(op: string, what: string, s: string): void {
  // A lone surrogate has no UTF-8 form: the official reader would reject the header.
  if (LONE_SURROGATE.test(s)) throw new TypeError(`${op}: ${what} ${JSON.stringify(s)} is not well-formed Unicode (a lone surrogate)`);
}

// Rust's String order (bytewise UTF-8), which the official writer sorts names by. It is
// code point order, which differs from JS's UTF-16 order only for code points above U+FFFF
// against U+E000..U+FFFF.
function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) as number, cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}
