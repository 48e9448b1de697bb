import { MLArray } from '@smolml/core';
import { positive } from './check';

/**
 * Clamps every gradient element of `params` to [−clipValue, clipValue], in place.
 * Parameters without a gradient are skipped; NaN stays NaN (it is a fault to see, not
 * to clamp away). Unlike {@link clipGradNorm} this changes the gradient's direction.
 *
 * @example
 * clipGradValue(params, 0.5);
 */
export function clipGradValue(params: Iterable<MLArray>, clipValue: number): void {
  positive('clipGradValue', 'clipValue', clipValue);
  const grads: Float64Array[] = [];
  for (const p of params) {
    if (!(p instanceof MLArray)) throw new TypeError(`clipGradValue: expected MLArrays, got ${p === null ? 'null' : typeof p}`);
    const g = p.grad;
    if (g !== null) grads.push(g.data);
  }
  for (const g of grads) {
    for (let i = 0; i < g.length; i++) {
      if (g[i] > clipValue) g[i] = clipValue;
      else if (g[i] < -clipValue) g[i] = -clipValue;
    }
  }
}
