// tidy / keep / dispose: releasing memory early, as TensorFlow.js users know it.
// Garbage collection stays the default and is always correct; these exist so hot loops
// reuse buffers (core's pool) instead of faulting in fresh pages.
import type { MLArray } from './mlarray';
import { checkSyncFn, checkSyncResult, type Sync } from './grad-mode';
import { describeArg } from './errors';
import { MLARRAY_BRAND, hasBrand } from './brand';

interface Scope {
  arrays: MLArray[];
  kept: WeakSet<MLArray>;
}

const KEY = Symbol.for('smolml.tidyScopes');
type Holder = { [KEY]?: { stack: Scope[] } };

function scopes(): { stack: Scope[] } {
  const g = globalThis as Holder;
  return (g[KEY] ??= { stack: [] });
}

/** @internal Registers an array made while a tidy scope is open (cheap when none is). */
export function track(a: MLArray): void {
  const st = scopes().stack;
  if (st.length > 0) st[st.length - 1].arrays.push(a);
}

/**
 * Exempts `a` from the enclosing {@link tidy} scopes: it lives on after they end, until
 * the garbage collector (or {@link MLArray.dispose}) frees it. A no-op outside tidy.
 *
 * @example
 * let w!: MLArray;
 * tidy(() => { w = keep(randn(3, 3)); });   // w survives
 */
export function keep<T extends MLArray>(a: T): T {
  if (!isArrayLike(a)) throw new TypeError(`keep: expected an MLArray, got ${describeArg(a)}`);
  for (const s of scopes().stack) s.kept.add(a);
  return a;
}

// An MLArray is recognised by its brand here (mlarray.ts imports this module, so the
// class cannot be imported back at load time).
function isArrayLike(x: unknown): x is MLArray {
  return hasBrand(x, MLARRAY_BRAND);
}

// Every MLArray in a tidy result: the value itself, or inside arrays and plain objects.
function collect(x: unknown, out: MLArray[], depth: number): void {
  if (depth > 64 || x === null || typeof x !== 'object') return;
  if (isArrayLike(x)) {
    out.push(x);
    return;
  }
  if (ArrayBuffer.isView(x)) return;
  if (Array.isArray(x)) {
    for (const v of x) collect(v, out, depth + 1);
  } else if (Object.getPrototypeOf(x) === Object.prototype) {
    for (const k of Object.keys(x)) collect((x as Record<string, unknown>)[k], out, depth + 1);
  }
}

/**
 * Runs `fn` and then releases every array it made that its result does not reach: their
 * buffers go back to core's pool, graph and all, so the next iteration reuses them
 * instead of touching fresh memory. The result (an MLArray, or arrays and plain objects
 * holding them) keeps its graph: return `loss.item()` or a detached array to let the
 * step's buffers go. What belongs to arrays made outside `fn` is never released
 * (their gradients, even when first made inside, and an optimizer's state), so a whole
 * training step can run inside. Nested tidy hands inner results to the outer scope; a
 * throw inside releases everything `fn` made. `fn` must be synchronous.
 *
 * @example
 * for (let step = 0; step < 1000; step++) {
 *   const loss = tidy(() => {
 *     const l = mseLoss(model(x), y);
 *     l.backward();
 *     optimizer.step(params);
 *     optimizer.zeroGrad(params);
 *     return l.item();
 *   });
 * }
 */
export function tidy<T>(fn: () => Sync<T>): T {
  checkSyncFn('tidy', fn);
  const st = scopes().stack;
  const scope: Scope = { arrays: [], kept: new WeakSet() };
  st.push(scope);
  let result: T;
  try {
    result = fn() as T;
  } catch (e) {
    st.pop();
    releaseScope(scope, []);
    throw e;
  }
  st.pop();
  try {
    checkSyncResult('tidy', result);
  } catch (e) {
    releaseScope(scope, []);
    throw e;
  }
  const roots: MLArray[] = [];
  collect(result, roots, 0);
  const survivors = releaseScope(scope, roots);
  // Nested tidy: what survives is the outer scope's to release.
  if (st.length > 0) {
    const outer = st[st.length - 1];
    for (const a of survivors) if (!scope.kept.has(a)) outer.arrays.push(a);
  }
  return result;
}

// Releases the scope's arrays that neither the roots' graphs reach nor keep() exempts,
// and returns the scope's arrays that survive.
function releaseScope(scope: Scope, roots: readonly MLArray[]): MLArray[] {
  const reached = new Set<MLArray>();
  const buffers = new Set<ArrayBufferView>();
  const stack = roots.slice();
  for (const a of scope.arrays) if (scope.kept.has(a)) stack.push(a);
  while (stack.length > 0) {
    const a = stack.pop() as MLArray;
    if (reached.has(a)) continue;
    reached.add(a);
    buffers.add(a.data);
    if (a._grad !== null) buffers.add(a._grad);
    for (const b of a._saved) buffers.add(b);
    for (const p of a._prev) stack.push(p);
  }
  const survivors: MLArray[] = [];
  for (const a of scope.arrays) {
    if (reached.has(a)) survivors.push(a);
    else a._release(buffers);
  }
  return survivors;
}
