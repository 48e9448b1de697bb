import { MLArray, Value, customOp } from '@smolml/core';
import { scalarOp } from './scalar-op';

/**
 * `min(max(x + shift, lo), hi) / divisor`, the kernel behind relu6 and hardSigmoid.
 *
 * Fused rather than composed from core's `clip` because the gradient at the corners
 * differs: torch.clamp passes the gradient where `lo <= x <= hi`, but PyTorch's relu6
 * (hardtanh) and hardsigmoid pass it only strictly inside, `lo < x + shift < hi`, and
 * we follow those functions. Elsewhere the two rules agree.
 */
export function clampShifted<T extends MLArray | Value>(op: string, x: T, shift: number, lo: number, hi: number, divisor: number): T {
  const inv = 1 / divisor;
  if (x instanceof Value) {
    const s = x.data + shift;
    const clamped = s < lo ? lo : s > hi ? hi : s;
    return scalarOp(x, clamped / divisor, s > lo && s < hi ? inv : 0) as T;
  }
  const a = x as MLArray;
  const src = a.data, n = src.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = src[i] + shift;
    out[i] = (s < lo ? lo : s > hi ? hi : s) / divisor;
  }
  return customOp(op, [a], out, a.shape, (g, [ga]) => {
    if (ga === null) return;
    for (let i = 0; i < n; i++) {
      const s = src[i] + shift;
      if (s > lo && s < hi) ga[i] += g[i] * inv;
    }
  }) as T;
}
