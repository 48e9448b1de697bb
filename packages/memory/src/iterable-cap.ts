import { MLArray, describeArg } from '@smolml/core';

/**
 * The most arrays this package reads from one iterable that user code supplies (an
 * optimizer's `stateArrays()`, the list given to `countParameters`): 1,000,000. Past it
 * the function throws a RangeError naming itself instead of iterating forever, so a
 * generator that never ends (or a list far larger than any model) cannot hang the
 * process. A million arrays is far beyond any optimizer's state (Adam keeps two per
 * parameter array).
 *
 * @example
 * const endless = { *stateArrays() { for (;;) yield zeros(1); } };
 * calculateNeuralNetworkSize({ layers, optimizer: endless });
 * // RangeError: calculateNeuralNetworkSize: model.optimizer.stateArrays() yielded more than 1000000 arrays …
 */
export const ITERABLE_CAP = 1_000_000;

/**
 * @internal Every element of `iterable` (named `what` in errors), each checked to be
 * an MLArray, at most {@link ITERABLE_CAP} of them. The iterator protocol is followed
 * by hand so a malformed iterator is a TypeError naming `fn`, not a bare engine error.
 */
export function collectArrays(fn: string, what: string, iterable: unknown, cap = ITERABLE_CAP): MLArray[] {
  const method = iterable === null || iterable === undefined ? undefined : (iterable as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') {
    throw new TypeError(`${fn}: ${what} must be an iterable of MLArrays, got ${describeArg(iterable)}`);
  }
  const iterator: unknown = method.call(iterable);
  const next = typeof iterator === 'object' && iterator !== null ? (iterator as { next?: unknown }).next : undefined;
  if (typeof next !== 'function') {
    throw new TypeError(`${fn}: ${what} has an iterator without a next() method (got ${describeArg(iterator)})`);
  }
  const out: MLArray[] = [];
  // Each distinct array is checked once (core's check reads its storage and shape).
  const checked = new Set<unknown>();
  for (;;) {
    const step: unknown = next.call(iterator);
    if (typeof step !== 'object' || step === null) {
      throw new TypeError(`${fn}: ${what}'s iterator returned ${describeArg(step)} from next(), expected an object like { value, done }`);
    }
    const { done, value } = step as { done?: unknown; value?: unknown };
    if (done) return out;
    if (out.length === cap) {
      closeIterator(iterator);
      throw new RangeError(`${fn}: ${what} yielded more than ${cap} arrays; this package stops there (ITERABLE_CAP) rather than iterate without end`);
    }
    if (!checked.has(value)) {
      if (!(value instanceof MLArray)) {
        closeIterator(iterator);
        throw new TypeError(`${fn}: ${what}[${out.length}] must be an MLArray, got ${describeArg(value)}`);
      }
      checked.add(value);
    }
    out.push(value as MLArray);
  }
}

// Lets a generator run its `finally` blocks, as `for…of` does when it stops early.
function closeIterator(iterator: unknown): void {
  const ret = (iterator as { return?: unknown }).return;
  if (typeof ret === 'function') ret.call(iterator);
}
