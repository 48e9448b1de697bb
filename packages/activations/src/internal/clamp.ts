import { type MLArray, Value } from '@smolml/core';
import { fusedElementwise } from './fused';
import { clampShiftedBackF64, clampShiftedF64 } from '../kernels/clamp-shifted.f64';
import { clampShiftedBackF32, clampShiftedF32 } from '../kernels/clamp-shifted.f32';

/**
 * `min(max(x + shift, lo), hi) / divisor`, the op behind relu6 and hardSigmoid, in the
 * input's dtype.
 *
 * Fused rather than composed from core's `clip` because the gradient at the corners
 * differs: torch.clamp passes the gradient where `lo <= x <= hi`, but PyTorch's relu6
 * (hardtanh) and hardsigmoid pass it only strictly inside, `lo < x + shift < hi`, and
 * we follow those functions. Elsewhere the two rules agree. (The constants are small
 * integers, exact in either dtype.)
 */
export function clampShifted<T extends MLArray | Value>(op: string, x: T, shift: number, lo: number, hi: number, divisor: number): T {
  if (x instanceof Value) {
    const s = x.data + shift;
    const clamped = s < lo ? lo : s > hi ? hi : s;
    return Value.custom(clamped / divisor, [x], [s > lo && s < hi ? 1 / divisor : 0]) as T;
  }
  return fusedElementwise(op, x as MLArray,
    { forward: (src, out) => clampShiftedF64(src, shift, lo, hi, divisor, out), backward: (src, g, gx) => clampShiftedBackF64(src, shift, lo, hi, divisor, g, gx) },
    { forward: (src, out) => clampShiftedF32(src, shift, lo, hi, divisor, out), backward: (src, g, gx) => clampShiftedBackF32(src, shift, lo, hi, divisor, g, gx) }) as T;
}
