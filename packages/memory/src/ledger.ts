import { MLArray } from '@smolml/core';
import { type V8Layout, align } from './layout';
import { type DeclaredNode, declared } from './declared-node';

/** Bytes newly counted for one array: exact typed storage and modelled overhead. */
export interface ArrayBytes {
  data: number;
  grad: number;
  overhead: number;
}

/**
 * @internal Counts the bytes of a set of objects, each object once however many
 * paths reach it (tied weights, shapes shared between arrays, `reshape` views that
 * share `data`). Exact typed-array storage and modelled object overhead are kept
 * apart, so reports can say which of their numbers are exact.
 *
 * Typed arrays are counted per view: core never makes two views of one buffer, and
 * reading `.buffer` to find out would move a small array's bytes out of the V8 heap,
 * changing what is being measured.
 *
 * Of an MLArray it reads only what the array declares through core's public API:
 * `data`, `gradData`, `shape`, `prev` and `savedBuffers` (never a `_`-prefixed field,
 * never a guess from the op's name).
 */
export class Ledger {
  /** Exact bytes of typed storage counted so far. */
  storage = 0;
  /** Modelled bytes of the JavaScript objects around that storage. */
  overhead = 0;
  private readonly seen = new Set<object>();
  private readonly strings = new Set<string>();

  /** `fn` is the public function counting: errors about malformed arrays name it. */
  constructor(readonly layout: V8Layout, readonly fn: string) {}

  get total(): number {
    return this.storage + this.overhead;
  }

  /** Marks `x` as counted; false if it already was. */
  claim(x: object): boolean {
    if (this.seen.has(x)) return false;
    this.seen.add(x);
    return true;
  }

  has(x: object): boolean {
    return this.seen.has(x);
  }

  /** An ordinary object with `slots` in-object fields (without what the fields point to). */
  objectShell(slots: number): number {
    return this.layout.objectHeader + this.layout.tagged * slots;
  }

  /** A typed array or DataView: its object, its ArrayBuffer object, and its bytes (exact). */
  typed(view: ArrayBufferView): number {
    if (!this.claim(view)) return 0;
    const bytes = view.byteLength;
    this.storage += bytes;
    this.overhead += typedOverhead(this.layout, bytes);
    return bytes;
  }

  /** A JS array and its elements store, without walking into the elements. */
  arrayShell(arr: readonly unknown[]): void {
    if (!this.claim(arr)) return;
    const L = this.layout;
    let numbers = arr.length > 0, smis = true;
    for (let i = 0; i < arr.length && numbers; i++) {
      const e = arr[i];
      if (typeof e !== 'number') numbers = false;
      else if (!isSmi(e, L)) smis = false;
    }
    // A number-only array with a fraction in it stores raw doubles (8 bytes each, even
    // with compressed pointers); small integers and references take one tagged slot.
    const slot = numbers && !smis ? 8 : L.tagged;
    this.overhead += L.jsArray + (arr.length > 0 ? L.fixedArrayHeader + slot * arr.length : 0);
  }

  /**
   * One MLArray: its object, shape, list of parents (not the parents themselves), and
   * its data and gradient buffers, each `BYTES_PER_ELEMENT` (8 for float64, 4 for
   * float32) per element. The `grad` getter's wrapper is not counted: core makes a
   * fresh one on every read, so none is kept.
   */
  mlarray(a: MLArray, d: DeclaredNode = declared(this.fn, a)): ArrayBytes {
    const result: ArrayBytes = { data: 0, grad: 0, overhead: 0 };
    if (!this.claim(a)) return result;
    const before = this.overhead;
    this.overhead += this.objectShell(Reflect.ownKeys(a).length);
    this.arrayShell(d.shape);
    this.list(d.prev);
    result.data = this.typed(d.data);
    if (d.grad !== null) result.grad = this.typed(d.grad);
    result.overhead = this.overhead - before;
    return result;
  }

  /**
   * What recording an op adds to its output array: the backward closure and its
   * context ({@link V8Layout.recordedNode}, the same for every op), the typed arrays
   * the node declares in `savedBuffers` (exact; one shared with an array already
   * counted is not counted twice), and the list that holds them.
   */
  opState(d: DeclaredNode): { storage: number; overhead: number } {
    const s0 = this.storage, o0 = this.overhead;
    this.overhead += this.layout.recordedNode;
    for (let i = 0; i < d.saved.length; i++) this.typed(d.saved[i]);
    this.list(d.saved);
    return { storage: this.storage - s0, overhead: this.overhead - o0 };
  }

  /**
   * A list an array declares (`prev`, `savedBuffers`). An empty frozen list is core's
   * one shared constant for "none" (leaves, nodes that save nothing), owned by no array,
   * so it costs nothing here; any other list is counted once.
   */
  private list(arr: readonly unknown[]): void {
    if (arr.length === 0 && Object.isFrozen(arr)) return;
    this.arrayShell(arr);
  }

  /** A string, counted once per distinct value (literals and property names are shared). */
  string(s: string): void {
    if (s.length === 0 || this.strings.has(s)) return;
    this.strings.add(s);
    let twoByte = false;
    for (let i = 0; i < s.length && !twoByte; i++) if (s.charCodeAt(i) > 0xff) twoByte = true;
    this.overhead += align(this.layout, this.layout.stringHeader + s.length * (twoByte ? 2 : 1));
  }

  /** The extra cost of a number stored in a field: none for a small integer, a heap number otherwise. */
  number(n: number): void {
    if (!isSmi(n, this.layout)) this.overhead += this.layout.heapNumber;
  }

  /**
   * Everything reachable from `root` through own data properties, array elements and
   * Map/Set entries, each object once. Functions count as zero: their code is shared by
   * every instance. Iterative, so deep structures (a degenerate tree) cannot overflow
   * the stack.
   */
  walk(root: unknown, skip?: ReadonlySet<PropertyKey>): void {
    const stack: unknown[] = [];
    this.field(root, stack);
    let first = skip !== undefined;
    while (stack.length > 0) {
      const x = stack.pop() as object;
      this.visit(x, stack, first ? skip : undefined);
      first = false;
    }
  }

  /** The object `x` itself (not yet claimed), pushing what it references. */
  private visit(x: object, stack: unknown[], skip: ReadonlySet<PropertyKey> | undefined): void {
    const L = this.layout;
    if (this.seen.has(x)) return;
    if (x instanceof MLArray) {
      const d = declared(this.fn, x);
      this.mlarray(x, d);
      if (d.prev.length > 0) {
        this.opState(d);
        for (const p of d.prev) if (!this.seen.has(p)) stack.push(p);
      }
      return;
    }
    if (ArrayBuffer.isView(x)) {
      this.typed(x);
      return;
    }
    if (Array.isArray(x)) {
      this.arrayShell(x);
      // Number-only arrays hold raw doubles: nothing further to count.
      if (x.every((e) => typeof e === 'number')) return;
      for (let i = 0; i < x.length; i++) this.field(x[i], stack);
      return;
    }
    this.claim(x);
    if (x instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && x instanceof SharedArrayBuffer)) {
      this.storage += x.byteLength;
      this.overhead += L.arrayBuffer;
      return;
    }
    if (x instanceof Map || x instanceof Set) {
      const entrySlots = x instanceof Map ? 3 : 2; // key, (value,) next-in-chain
      const capacity = Math.max(4, 2 ** Math.ceil(Math.log2(Math.max(1, x.size))));
      this.overhead += L.jsCollection + L.hashTableHeader + L.tagged * (capacity / 2 + entrySlots * capacity);
      if (x instanceof Map) {
        for (const [k, v] of x) { this.field(k, stack); this.field(v, stack); }
      } else {
        for (const k of x) this.field(k, stack);
      }
      return;
    }
    const keys = Reflect.ownKeys(x);
    this.overhead += this.objectShell(keys.length);
    for (const key of keys) {
      if (skip?.has(key)) continue;
      const d = Object.getOwnPropertyDescriptor(x, key);
      // Accessors are not called: a getter may compute or allocate.
      if (d !== undefined && 'value' in d) this.field(d.value, stack);
    }
  }

  /** A value held in a field or element: primitives are costed here, objects pushed. */
  private field(v: unknown, stack: unknown[]): void {
    switch (typeof v) {
      case 'number': this.number(v); return;
      case 'string': this.string(v); return;
      case 'bigint': {
        const digits = Math.max(1, Math.ceil(v.toString(16).replace('-', '').length / 16));
        this.overhead += this.layout.bigintHeader + 8 * digits;
        return;
      }
      case 'object':
        if (v !== null && !this.seen.has(v)) stack.push(v);
        return;
      default:
        return; // undefined, booleans and symbols are shared; functions are code
    }
  }
}

/** Whether V8 stores `n` unboxed as a small integer. */
export function isSmi(n: number, layout: V8Layout): boolean {
  return Number.isInteger(n) && !Object.is(n, -0) && n <= layout.smiMax && n >= -layout.smiMax - 1;
}

/**
 * The objects around a typed array's bytes: the typed array, its ArrayBuffer, and for
 * small arrays the header of the on-heap ByteArray that holds the bytes, with the
 * padding that rounds the ByteArray up to the allocation alignment (a float32 array of
 * odd length pads 4 bytes).
 */
export function typedOverhead(layout: V8Layout, bytes: number): number {
  const onHeap = bytes > 0 && bytes <= layout.onHeapTypedArrayMax;
  return layout.typedArray + layout.arrayBuffer + (onHeap ? layout.fixedArrayHeader + align(layout, bytes) - bytes : 0);
}
