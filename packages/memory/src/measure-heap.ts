import { describeArg } from '@smolml/core';

/** What {@link measureHeap} measured. */
export interface HeapMeasurement<T> {
  /** Median growth of `heapUsed + external` over the runs, in bytes: what the result keeps alive. */
  bytes: number;
  /** Median growth of the V8 heap (objects, and small typed arrays' bytes). */
  heapUsed: number;
  /** Median growth of memory outside the V8 heap (ArrayBuffer contents). */
  external: number;
  /** `bytes` of every run, in order. */
  samples: number[];
  /** Whether garbage collection could be forced; without it the numbers include garbage not yet collected. */
  gcExposed: boolean;
  /** Set when the measurement is unreliable, saying why and how to fix it. */
  warning?: string;
  /** What `fn` returned on the last run. */
  result: T;
}

/** Options for {@link measureHeap}. */
export interface MeasureHeapOptions {
  /** How many times to run `fn`; the median is reported. Default 1, at most {@link MAX_RUNS}. */
  runs?: number;
  /**
   * Unmeasured runs first, default 0, at most {@link MAX_RUNS}. The first calls of new
   * code also allocate the engine's compiled code and caches, which then look like part
   * of the result.
   */
  warmup?: number;
}

/** The most runs (and, separately, warm-up runs) {@link measureHeap} accepts: 1000. */
export const MAX_RUNS = 1000;

interface MemoryUsage {
  heapUsed: number;
  external: number;
}

type Gc = () => void;

const MAX_COLLECTIONS = 10;

/**
 * Measures how much memory `fn`'s result keeps alive, to check an estimate against
 * reality. Each run collects garbage, records `process.memoryUsage()`, calls `fn`,
 * collects again while holding the result, and records the growth of `heapUsed +
 * external` (V8's heap plus ArrayBuffer contents). With `runs > 1` the median is
 * reported, and each run's result is released before the next. `warmup` runs come
 * first, unmeasured, so that code compiled on first use is not counted.
 *
 * Forcing garbage collection needs Node started with `--expose-gc`
 * (`node --expose-gc app.js`, or `NODE_OPTIONS=--expose-gc`). Without it the
 * measurement still runs, `gcExposed` is false and `warning` says so: the figures then
 * include garbage and are only an upper bound. Node.js only (browsers have no
 * comparable per-process counter).
 *
 * @example
 * const { bytes } = measureHeap(() => zeros(1000, 1000), { runs: 3, warmup: 1 });
 * formatSize(bytes); // "7.63 MB": 8 000 000 bytes of values plus a few hundred of objects
 */
export function measureHeap<T>(fn: () => T, options?: MeasureHeapOptions): HeapMeasurement<T> {
  if (typeof fn !== 'function') throw new TypeError(`measureHeap: expected a function, got ${describeArg(fn)}`);
  // Refused before it runs: its allocations would happen after the measurement ends.
  if (Object.prototype.toString.call(fn) === '[object AsyncFunction]') {
    throw new TypeError('measureHeap: fn is an async function; measure synchronous work (await it first, then measure what it built)');
  }
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new TypeError(`measureHeap: options must be an object like { runs: 5, warmup: 1 }, got ${describeArg(options)}`);
  }
  const runs = count('runs', options?.runs, 1, 1);
  const warmup = count('warmup', options?.warmup, 0, 0);
  const proc = (globalThis as { process?: { memoryUsage?: () => MemoryUsage } }).process;
  if (typeof proc?.memoryUsage !== 'function') {
    throw new Error('measureHeap: needs Node.js (process.memoryUsage); browsers have no comparable counter');
  }
  const usage = proc.memoryUsage.bind(proc);
  const gcFn = (globalThis as { gc?: unknown }).gc;
  const gc: Gc | null = typeof gcFn === 'function' ? (gcFn as Gc) : null;
  // V8 frees ArrayBuffer contents on a background sweeper and updates `external` only
  // when a later collection finishes that sweep, so one gc() can leave just-dropped
  // buffers counted (measured on Node 20: megabytes, intermittently). Collect until
  // `external` stops changing (three collections, in practice).
  const collect = (): void => {
    if (gc === null) return;
    let previous = Number.NaN;
    for (let i = 0; i < MAX_COLLECTIONS; i++) {
      gc();
      const external = usage().external;
      if (external === previous) return;
      previous = external;
    }
  };
  // The result lives only in `box`, never in a local of this loop: a stale register
  // holding the previous run's result would keep it alive into the next measurement.
  const box: { value?: T } = {};
  for (let r = 0; r < warmup; r++) {
    runOnce(fn, box, usage, () => {});
    box.value = undefined;
  }
  const heap: number[] = [], ext: number[] = [], total: number[] = [];
  for (let r = 0; r < runs; r++) {
    box.value = undefined;
    const [h, e] = runOnce(fn, box, usage, collect);
    heap.push(h);
    ext.push(e);
    total.push(h + e);
  }
  const out: HeapMeasurement<T> = {
    bytes: median(total),
    heapUsed: median(heap),
    external: median(ext),
    samples: total,
    gcExposed: gc !== null,
    result: box.value as T,
  };
  if (gc === null) {
    out.warning = 'garbage collection is not exposed, so these figures include garbage not yet collected: run node with --expose-gc for exact measurements';
  }
  return out;
}

// A separate frame, so nothing of the run outlives it but what `box` holds.
function runOnce<T>(fn: () => T, box: { value?: T }, usage: () => MemoryUsage, collect: () => void): [number, number] {
  collect();
  const before = usage();
  box.value = fn();
  if (typeof (box.value as { then?: unknown } | null)?.then === 'function') {
    box.value = undefined;
    throw new TypeError('measureHeap: fn returned a promise; measure synchronous work (await it first, then measure what it built)');
  }
  collect();
  const after = usage();
  return [after.heapUsed - before.heapUsed, after.external - before.external];
}

// An integer option in [min, MAX_RUNS], or its default.
function count(name: string, v: unknown, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw new TypeError(`measureHeap: ${name} must be a number, got ${describeArg(v)}`);
  if (!Number.isInteger(v) || v < min || v > MAX_RUNS) {
    throw new RangeError(`measureHeap: ${name} must be ${min === 1 ? 'a positive' : 'a non-negative'} integer of at most ${MAX_RUNS}, got ${v}`);
  }
  return v;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
