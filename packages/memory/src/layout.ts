/**
 * The V8 object sizes behind every estimate in this package. Typed storage (the
 * `Float64Array`s holding values, gradients and optimizer state) is counted exactly,
 * 8 bytes per float64; everything else (the JavaScript objects around that storage) is
 * an estimate from these constants.
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
  /** Largest integer stored unboxed in a field (a "Smi"); larger or fractional numbers are boxed in a heap number. */
  readonly smiMax: number;
}

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

/** @internal The layout an options object asks for, validated. */
export function layoutOf(options: SizeOptions | undefined): V8Layout {
  const layout = options?.layout;
  if (layout === undefined) return detectLayout();
  if (typeof layout !== 'object' || layout === null || (layout.tagged !== 4 && layout.tagged !== 8)) {
    throw new RangeError('layout: expected a V8Layout such as FULL_POINTERS or COMPRESSED_POINTERS');
  }
  return layout;
}

/** @internal `bytes` rounded up to the layout's allocation alignment. */
export function align(layout: V8Layout, bytes: number): number {
  const a = layout.alignment;
  return Math.ceil(bytes / a) * a;
}
