import { MLArray, Value } from '@smolml/core';
import { scalarOp } from './scalar-op';

/**
 * `min(max(x + shift, lo), hi) / divisor`, composed from core's `clip` for arrays and
 * evaluated directly for a Value (which has no clip), with the same gradient rule:
 * `1/divisor` where `lo ≤ x + shift ≤ hi`, 0 elsewhere.
 */
export function clampShifted<T extends MLArray | Value>(x: T, shift: number, lo: number, hi: number, divisor: number): T {
  if (x instanceof Value) {
    const s = x.data + shift;
    const clamped = s < lo ? lo : s > hi ? hi : s;
    return scalarOp(x, clamped / divisor, s >= lo && s <= hi ? 1 / divisor : 0) as T;
  }
  let t = x as MLArray;
  if (shift !== 0) t = t.add(shift);
  t = t.clip(lo, hi);
  return (divisor === 1 ? t : t.div(divisor)) as T;
}
