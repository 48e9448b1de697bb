import { describeArg } from '@smolml/core';

/**
 * The V8 object sizes behind every estimate in this package. Typed storage (the
 * `Float64Array`s and `Float32Array`s holding values, gradients and optimizer state) is
 * counted exactly, `BYTES_PER_ELEMENT` (8 or 4) per element; everything else (the
 * JavaScript objects around that storage) is an estimate from these constants.
 *
 * V8 stores every object field in one "tagged" slot: 8 bytes on a 64-bit build, or 4
 * bytes when V8 is built with pointer compression (all fields become 32-bit offsets
 * into a 4 GB cage). Standard Node.js builds leave pointer compression off; Chrome,
 * Edge and Electron turn it on. Every object starts with a map (hidden class) pointer,
 * and ordinary objects add a properties and an elements pointer.
 *
 * Each constant below was read from heap snapshots (`v8.writeHeapSnapshot`, node
 * `self_size`) and checked against `process.memoryUsage()` growth over 20 000
 * allocations: the full-pointer layout on Node 20.20 (V8 11.3), the compressed one on
 * Chromium 156.
 */
export interface V8Layout {
  /** A short human-readable name, printed by {@link memoryReport}. */
  readonly name: string;
  /** Bytes per tagged field (a pointer or a small integer). */
  readonly tagged: 4 | 8;
  /** Objects are allocated in multiples of this many bytes. */
  readonly alignment: 4 | 8;
  /** Map + properties + elements pointers at the start of every ordinary object. */
  readonly objectHeader: number;
  /** A boxed double (map + 8-byte float), used for non-integer numbers stored in fields. */
  readonly heapNumber: number;
  /** A `JSArray`: object header + length; its elements live in a separate backing store. */
  readonly jsArray: number;
  /** Header (map + length) of an elements backing store; each element then takes one tagged slot (or 8 bytes for doubles). */
  readonly fixedArrayHeader: number;
  /** A `JSTypedArray` object (buffer, offset, lengths and data pointers), without its bytes. */
  readonly typedArray: number;
  /** A `JSArrayBuffer` object (backing-store pointer, byte length, flags), without its bytes. */
  readonly arrayBuffer: number;
  /**
   * Typed arrays of at most this many bytes keep their bytes inside the V8 heap in a
   * `ByteArray` (header {@link fixedArrayHeader}), until `.buffer` is first read.
   */
  readonly onHeapTypedArrayMax: number;
  /** Map + hash + length before a string's characters. */
  readonly stringHeader: number;
  /** Header of a `BigInt` before its 64-bit digits. */
  readonly bigintHeader: number;
  /** A `JSMap` or `JSSet` object; its hash table is separate. */
  readonly jsCollection: number;
  /** Header of an ordered hash table (array header + element, deleted and bucket counts). */
  readonly hashTableHeader: number;
  /** A `JSFunction` (closure) object. */
  readonly jsFunction: number;
  /** Header of a closure's context (map, length, scope info, parent context), before the captured variables. */
  readonly contextHeader: number;
  /**
   * What recording one op adds beyond its output array and the buffers it declares in
   * `savedBuffers`: the backward closure, its context of captured variables and the
   * small objects those hold (a broadcast plan, a sibling's own backward closure). One
   * constant for every op, since a closure's contents are invisible to JavaScript: the
   * median of core's ops and fused `customOp`s, measured on Node 20 (see the guide's
   * cost-model table for the spread).
   */
  readonly recordedNode: number;
  /** Largest integer stored unboxed in a field (a "Smi"); larger or fractional numbers are boxed in a heap number. */
  readonly smiMax: number;
}

// `node --expose-gc test/support/node-cost.cjs` prints the per-op figures this is the median of.
const RECORDED_NODE_FULL = 176;

/** 64-bit V8 without pointer compression: standard Node.js builds (Node 14 and later). */
export const FULL_POINTERS: V8Layout = Object.freeze({
  name: 'V8 64-bit, full pointers',
  tagged: 8,
  alignment: 8,
  objectHeader: 24,
  heapNumber: 16,
  jsArray: 32,
  fixedArrayHeader: 16,
  typedArray: 96,
  arrayBuffer: 88,
  onHeapTypedArrayMax: 64,
  stringHeader: 16,
  bigintHeader: 16,
  jsCollection: 32,
  hashTableHeader: 40,
  jsFunction: 56,
  contextHeader: 32,
  recordedNode: RECORDED_NODE_FULL,
  smiMax: 2 ** 31 - 1,
});

/** 64-bit V8 with pointer compression: Chrome, Edge, Electron and Node builds configured with it. */
export const COMPRESSED_POINTERS: V8Layout = Object.freeze({
  name: 'V8 64-bit, compressed pointers',
  tagged: 4,
  alignment: 4,
  objectHeader: 12,
  heapNumber: 12,
  jsArray: 16,
  fixedArrayHeader: 8,
  typedArray: 60,
  arrayBuffer: 52,
  onHeapTypedArrayMax: 64,
  stringHeader: 12,
  bigintHeader: 8,
  jsCollection: 16,
  hashTableHeader: 20,
  jsFunction: 28,
  contextHeader: 16,
  // The same objects with 4-byte fields: half the full-pointer figure (derived, not measured).
  recordedNode: RECORDED_NODE_FULL / 2,
  smiMax: 2 ** 30 - 1,
});

/** Options accepted by every size function. */
export interface SizeOptions {
  /** The object layout to assume; {@link detectLayout} by default. */
  layout?: V8Layout;
}

interface NodeProcessLike {
  config?: { variables?: Record<string, unknown> };
  versions?: Record<string, string | undefined>;
}

/**
 * The layout of the running engine: on Node.js, read from the build configuration
 * (`process.config.variables.v8_enable_pointer_compression`); elsewhere
 * {@link COMPRESSED_POINTERS}, since Chromium-based browsers and Electron compress
 * pointers. (Firefox and Safari are not V8: there the figures are estimates of a
 * similar engine, and only the typed-storage bytes are exact.)
 *
 * @example
 * detectLayout().tagged; // 8 on a standard Node.js build
 */
export function detectLayout(): V8Layout {
  const proc = (globalThis as { process?: NodeProcessLike }).process;
  const flag = proc?.config?.variables?.v8_enable_pointer_compression;
  if (proc?.versions?.node !== undefined && flag !== undefined) {
    return flag === 1 || flag === true || flag === '1' || flag === 'true' ? COMPRESSED_POINTERS : FULL_POINTERS;
  }
  return COMPRESSED_POINTERS;
}

const LAYOUT_FIELDS = [
  'alignment', 'objectHeader', 'heapNumber', 'jsArray', 'fixedArrayHeader', 'typedArray', 'arrayBuffer',
  'onHeapTypedArrayMax', 'stringHeader', 'bigintHeader', 'jsCollection', 'hashTableHeader', 'jsFunction',
  'contextHeader', 'recordedNode',
] as const;

/** The largest object size a layout field may give: 1 MiB (V8's are tens of bytes). */
const MAX_FIELD = 2 ** 20;

const show = (v: unknown): string => (typeof v === 'number' ? String(v) : describeArg(v));

/**
 * @internal The layout an options object asks for, validated: `options` is undefined
 * or an object, and its `layout` (when given) has every field of a {@link V8Layout}: a
 * name, `tagged` and `alignment` of 4 or 8, sizes that are integers in [0, 1 MiB], and
 * `smiMax` a positive safe integer. Errors name `fn`.
 */
export function layoutOf(fn: string, options: SizeOptions | undefined): V8Layout {
  if (options === undefined) return detectLayout();
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object like { layout: FULL_POINTERS }, got ${describeArg(options)}`);
  }
  const layout: unknown = (options as { layout?: unknown }).layout;
  if (layout === undefined) return detectLayout();
  if (typeof layout !== 'object' || layout === null) {
    throw new TypeError(`${fn}: options.layout must be a V8Layout such as FULL_POINTERS or COMPRESSED_POINTERS, got ${describeArg(layout)}`);
  }
  const l = layout as Record<string, unknown>;
  if (typeof l.name !== 'string') throw new TypeError(`${fn}: options.layout.name must be a string, got ${describeArg(l.name)}`);
  for (const key of ['tagged', 'alignment'] as const) {
    if (l[key] !== 4 && l[key] !== 8) throw new RangeError(`${fn}: options.layout.${key} must be 4 or 8 (bytes), got ${show(l[key])}`);
  }
  for (const key of LAYOUT_FIELDS) {
    const v = l[key];
    if (typeof v !== 'number') throw new TypeError(`${fn}: options.layout.${key} must be a number, got ${describeArg(v)}`);
    if (!Number.isInteger(v) || v < 0 || v > MAX_FIELD) {
      throw new RangeError(`${fn}: options.layout.${key} must be a whole number of bytes in [0, ${MAX_FIELD}], got ${v}`);
    }
  }
  const smi = l.smiMax;
  if (typeof smi !== 'number') throw new TypeError(`${fn}: options.layout.smiMax must be a number, got ${describeArg(smi)}`);
  if (!Number.isSafeInteger(smi) || smi < 1) throw new RangeError(`${fn}: options.layout.smiMax must be a positive safe integer, got ${smi}`);
  return layout as V8Layout;
}

/** @internal `bytes` rounded up to the layout's allocation alignment. */
export function align(layout: V8Layout, bytes: number): number {
  const a = layout.alignment;
  return Math.ceil(bytes / a) * a;
}
