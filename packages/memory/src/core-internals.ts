import type { MLArray } from '@smolml/core';

// Measuring must not change what it measures, and MLArray's public `grad` getter
// allocates (and caches) a wrapper array on first read. So the gradient buffer is read
// through core's non-allocating `gradData`, and the cached wrapper, which only a memory
// tool cares about, from core's internal `_gradView` field (declared in core's published
// types). Core versions together with this package (one changesets group), so the
// field cannot drift apart silently; the tests pin it.

interface MLArrayInternals {
  _gradView?: MLArray | null;
}

/** The gradient buffer, or null before any gradient reached the array (core's non-allocating accessor). */
export function gradBuffer(a: MLArray): Float64Array | null {
  return a.gradData;
}

/** The wrapper array that `a.grad` returned and cached, if it was ever read. */
export function gradView(a: MLArray): MLArray | null {
  const v = (a as MLArrayInternals)._gradView;
  return v === undefined ? null : v;
}
