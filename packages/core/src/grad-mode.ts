import { describeArg } from './errors';
// Whether ops record the graph. Kept on globalThis so a CommonJS and an ESM copy of
// core agree inside each other's noGrad blocks.
const KEY = Symbol.for('smolml.gradMode');
type Holder = { [KEY]?: { enabled: boolean } };

function state(): { enabled: boolean } {
  const g = globalThis as Holder;
  return (g[KEY] ??= { enabled: true });
}

/** True unless running inside {@link noGrad}. */
export function isGradEnabled(): boolean {
  return state().enabled;
}

/**
 * The return type a synchronous scope function may have: anything but a promise or
 * thenable. (An async function would leave the scope at its first `await` while its
 * later ops still ran, silently recording again.)
 */
export type Sync<T> = T extends PromiseLike<unknown> ? never : T;

/** @internal Rejects a non-function or an async function before it runs, naming `op`. */
export function checkSyncFn(op: string, fn: unknown): void {
  if (typeof fn !== 'function') throw new TypeError(`${op}: expected a function, got ${describeArg(fn)}`);
  if ((fn as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === 'AsyncFunction' || fn.constructor?.name === 'AsyncFunction') {
    throw new TypeError(`${op}: takes a synchronous function; an async function leaves the scope at its first await`);
  }
}

/** @internal Rejects a thenable result after the scope closed, naming `op`. */
export function checkSyncResult(op: string, result: unknown): void {
  if (result !== null && (typeof result === 'object' || typeof result === 'function') && typeof (result as { then?: unknown }).then === 'function') {
    throw new TypeError(`${op}: the function returned a promise or thenable; ${op} takes synchronous functions only (its scope ended before the promise settled)`);
  }
}

/**
 * Runs `fn` without recording any graph: arrays made inside need no gradient. Use it
 * for inference and for in-place parameter updates. `fn` must be synchronous: an async
 * function is a TypeError before it runs, a returned promise a TypeError after.
 *
 * @example
 * const y = noGrad(() => model(x)); // y.requiresGrad === false
 */
export function noGrad<T>(fn: () => Sync<T>): T {
  checkSyncFn('noGrad', fn);
  const s = state();
  const prev = s.enabled;
  s.enabled = false;
  let result: T;
  try {
    result = fn() as T;
  } finally {
    s.enabled = prev;
  }
  checkSyncResult('noGrad', result);
  return result;
}

// Backward passes stamp the nodes they visit with numbers from this counter. It is
// shared through globalThis, like the grad mode, so a graph that mixes nodes from a
// CommonJS and an ESM copy of core is still traversed with marks no copy has used.
const EPOCH_KEY = Symbol.for('smolml.traversalEpoch');
type EpochHolder = { [EPOCH_KEY]?: { value: number } };

/** @internal Reserves two fresh marks (base + 1, base + 2) for one traversal. */
export function nextEpoch(): number {
  const g = globalThis as EpochHolder;
  const e = (g[EPOCH_KEY] ??= { value: 0 });
  const base = e.value;
  e.value += 2;
  return base;
}
