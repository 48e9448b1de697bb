import type { MLArray } from '@smolml/core';

// Measuring must not change what it measures, and MLArray's public `grad` getter
// allocates (and caches) a wrapper array on first read. So the gradient buffer and
// that cached wrapper are read from core's internal fields, which core declares in its
// published types. Core versions together with this package (one changesets group), so
// the fields cannot drift apart silently; the tests pin them.

interface MLArrayInternals {
  _grad?: Float64Array | null;
  _gradView?: MLArray | null;
}

/** The gradient buffer, or null before any gradient reached the array. */
export function gradBuffer(a: MLArray): Float64Array | null {
  const g = (a as MLArrayInternals)._grad;
  return g instanceof Float64Array ? g : null;
}

/** The wrapper array that `a.grad` returned and cached, if it was ever read. */
export function gradView(a: MLArray): MLArray | null {
  const v = (a as MLArrayInternals)._gradView;
  return v === undefined ? null : v;
}
