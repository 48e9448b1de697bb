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
 * Runs `fn` without recording any graph: arrays made inside need no gradient. Use it
 * for inference and for in-place parameter updates.
 *
 * @example
 * const y = noGrad(() => model(x)); // y.requiresGrad === false
 */
export function noGrad<T>(fn: () => T): T {
  const s = state();
  const prev = s.enabled;
  s.enabled = false;
  try {
    return fn();
  } finally {
    s.enabled = prev;
  }
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
