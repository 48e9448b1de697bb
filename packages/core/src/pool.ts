// Core's buffer pool: where arrays released by `dispose()` or `tidy` put their buffers,
// and where every allocation of core looks first. Reusing a buffer costs a zero-fill;
// a fresh one costs page faults on first touch (writing fresh pages runs at ~2 GB/s
// here against ~25 GB/s for memory already mapped), which dominated cheap ops on big
// arrays. Buffers are exact-size with byteOffset 0 (safetensors and postMessage rely
// on it). Only buffers of POOL_MIN_BYTES or more are pooled: smaller ones are cheap for
// V8's young generation. The pool lives on globalThis, like the default Rng, so the
// CommonJS and ESM copies of core share it.
//
// Safety: a buffer is recycled only when core allocated it (`ours`) and no array that
// holds it is left (a reference count: views keep their base); `pooled` guards
// against releasing the same buffer twice.

/** Buffers smaller than this are left to the garbage collector. */
export const POOL_MIN_BYTES = 4096;

/** Counters of the pool, for tests and memory reports. */
export interface PoolStats {
  /** Buffers of at least POOL_MIN_BYTES allocated fresh (not from the pool). */
  freshBuffers: number;
  /** Their bytes. */
  freshBytes: number;
  /** Allocations served from the pool. */
  reusedBuffers: number;
  /** Buffers waiting in the pool now. */
  pooledBuffers: number;
  /** Their bytes. */
  pooledBytes: number;
  /** The most bytes the pool keeps; releases beyond it are left to the garbage collector. */
  capBytes: number;
}

interface PoolState {
  f64: Map<number, Float64Array[]>;
  f32: Map<number, Float32Array[]>;
  ours: WeakSet<ArrayBufferView>;
  pooled: WeakSet<ArrayBufferView>;
  refs: WeakMap<ArrayBufferView, number>;
  stats: PoolStats;
}

const KEY = Symbol.for('smolml.pool');
type Holder = { [KEY]?: PoolState };

function fresh(): PoolState {
  return {
    f64: new Map(),
    f32: new Map(),
    ours: new WeakSet(),
    pooled: new WeakSet(),
    refs: new WeakMap(),
    stats: { freshBuffers: 0, freshBytes: 0, reusedBuffers: 0, pooledBuffers: 0, pooledBytes: 0, capBytes: 256 * 2 ** 20 },
  };
}

function state(): PoolState {
  const g = globalThis as Holder;
  return (g[KEY] ??= fresh());
}

// Both dtypes share one path: the list of pooled buffers of exactly `n` elements, and
// how to make a fresh one.
function takeFrom<T extends Float64Array | Float32Array>(lists: Map<number, T[]>, n: number, zero: boolean, make: (n: number) => T): T {
  const s = state();
  const list = lists.get(n);
  if (list !== undefined && list.length > 0) {
    const b = list.pop() as T;
    s.pooled.delete(b);
    s.stats.reusedBuffers++;
    s.stats.pooledBuffers--;
    s.stats.pooledBytes -= b.byteLength;
    if (zero) b.fill(0);
    return b;
  }
  const b = make(n);
  s.ours.add(b);
  s.stats.freshBuffers++;
  s.stats.freshBytes += b.byteLength;
  return b;
}

const make64 = (n: number): Float64Array => new Float64Array(n);
const make32 = (n: number): Float32Array => new Float32Array(n);

/** A float64 buffer of `n` elements, from the pool when one of that size waits there; zeroed unless `zero` is false (for kernels that write every element). */
export function take64(n: number, zero = true): Float64Array {
  return n * 8 < POOL_MIN_BYTES ? new Float64Array(n) : takeFrom(state().f64, n, zero, make64);
}

/** A float32 buffer of `n` elements, from the pool when one of that size waits there; zeroed unless `zero` is false. */
export function take32(n: number, zero = true): Float32Array {
  return n * 4 < POOL_MIN_BYTES ? new Float32Array(n) : takeFrom(state().f32, n, zero, make32);
}

/**
 * Hands a buffer back for reuse. Only buffers core allocated are taken (a user's own
 * typed array passed to customOp is never recycled), each at most once, while the
 * pool is under its cap. The caller guarantees no live array refers to it.
 */
export function release(b: ArrayBufferView): void {
  if (b.byteLength < POOL_MIN_BYTES) return;
  const s = state();
  if (!s.ours.has(b) || s.pooled.has(b)) return;
  if (s.stats.pooledBytes + b.byteLength > s.stats.capBytes) return;
  // Only float buffers are ever `ours` (take64/take32 make them).
  const lists = (b instanceof Float32Array ? s.f32 : s.f64) as Map<number, ArrayBufferView[]>;
  const list = lists.get((b as Float64Array | Float32Array).length);
  if (list === undefined) lists.set((b as Float64Array | Float32Array).length, [b]);
  else list.push(b);
  s.pooled.add(b);
  s.stats.pooledBuffers++;
  s.stats.pooledBytes += b.byteLength;
}

/**
 * Counts one more array holding `b` (as its data or its gradient). Only buffers core
 * allocated are counted; a buffer goes back to the pool when its count drops to 0, so
 * a view (reshape, detach, the grad wrapper) keeps its base alive. An array the
 * garbage collector takes without dispose never drops its count: its buffer is then
 * left to the collector too, which is always safe.
 */
export function retain(b: ArrayBufferView): void {
  if (b.byteLength < POOL_MIN_BYTES) return;
  const s = state();
  if (!s.ours.has(b)) return;
  s.refs.set(b, (s.refs.get(b) ?? 0) + 1);
}

/** One array fewer holds `b`; at 0 it goes back to the pool. */
export function drop(b: ArrayBufferView): void {
  if (b.byteLength < POOL_MIN_BYTES) return;
  const s = state();
  const n = s.refs.get(b);
  if (n === undefined) return;
  if (n > 1) {
    s.refs.set(b, n - 1);
    return;
  }
  s.refs.delete(b);
  release(b);
}

/** How many arrays hold `b` (0 for scratch a node keeps for its backward). */
export function refCount(b: ArrayBufferView): number {
  return state().refs.get(b) ?? 0;
}

/**
 * The pool's counters: fresh allocations of 4 KiB or more, reuses, and what waits in
 * the pool. For tests that check a loop reuses its buffers, and for memory reports.
 *
 * @example const before = poolStats().freshBuffers; step(); poolStats().freshBuffers - before; // 0 after warm-up
 */
export function poolStats(): PoolStats {
  return { ...state().stats };
}

/** Empties the pool (its buffers go to the garbage collector). Counters other than the pooled ones are kept. */
export function clearPool(): void {
  const s = state();
  for (const list of s.f64.values()) for (const b of list) s.pooled.delete(b);
  for (const list of s.f32.values()) for (const b of list) s.pooled.delete(b);
  s.f64.clear();
  s.f32.clear();
  s.stats.pooledBuffers = 0;
  s.stats.pooledBytes = 0;
}

/**
 * Sets the most bytes the pool keeps (256 MiB by default); 0 turns pooling off.
 * @example setPoolCap(64 * 2 ** 20)
 */
export function setPoolCap(bytes: number): void {
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`setPoolCap: expected a non-negative safe integer number of bytes, got ${String(bytes)}`);
  }
  const s = state();
  s.stats.capBytes = bytes;
  if (s.stats.pooledBytes > bytes) clearPool();
}
