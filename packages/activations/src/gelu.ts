import { MLArray, Value, customOp, describeArg, noGrad, allocate } from '@smolml/core';
import { checkInput, compose } from './internal/input';
import { geluBackF64, geluF64 } from './kernels/gelu.f64';
import { geluBackF32, geluF32 } from './kernels/gelu.f32';

/** How {@link gelu} evaluates the Gaussian CDF: exactly (`'none'`) or by the tanh formula. */
export type GeluApproximation = 'none' | 'tanh';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** A TypeError unless `approximate` is a string, a RangeError unless it is `'none'` or `'tanh'`. */
export function checkGeluApproximation(approximate: unknown): asserts approximate is GeluApproximation {
  if (typeof approximate !== 'string') {
    throw new TypeError(`gelu: approximate must be 'none' or 'tanh', got ${describeArg(approximate)}`);
  }
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new RangeError(`gelu: approximate must be 'none' or 'tanh', got ${JSON.stringify(approximate)}`);
  }
}

/**
 * Gaussian error linear unit: `gelu(x) = x·Φ(x)`, with Φ the standard normal CDF,
 * `Φ(x) = ½·erfc(−x/√2)`. A smooth ReLU that weights each input by how likely it is to
 * be positive; the usual activation in transformers (BERT, GPT).
 *
 * `approximate: 'tanh'` uses `½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`, the formula
 * of the original GPT-2 code, matching PyTorch's `approximate='tanh'`.
 *
 * The exact form evaluates Φ through core's `erfc`, so unlike PyTorch's
 * `½·(1 + erf(x/√2))`, which cancels to 0 below x ≈ −8, small negative outputs keep
 * their relative precision. It is one fused op (one node keeping Φ(x), instead of the
 * four nodes and three intermediate arrays of `x.mul(x.mul(-SQRT1_2).erfc().mul(0.5))`).
 * Gradient `Φ(x) + x·φ(x)`.
 *
 * @example
 * gelu(new MLArray([-1, 1])).toList();         // [-0.15865525393145696, 0.841344746068543]
 * gelu(new MLArray([-1, 1]), 'tanh').toList(); // [-0.15880800939172324, 0.8411919906082768]
 */
export function gelu<T extends MLArray | Value>(x: T, approximate: GeluApproximation = 'none'): T {
  checkGeluApproximation(approximate);
  if (approximate === 'tanh') {
    return compose('gelu', x, (v) => v.pow(3).mul(0.044715).add(v).mul(SQRT_2_OVER_PI).tanh().add(1).mul(v).mul(0.5));
  }
  checkInput('gelu', x);
  if (x instanceof Value) {
    const v = x.data, cdf = 0.5 * erfcOfNumber(-v * Math.SQRT1_2);
    return Value.custom(v * cdf, [x], [cdf + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v)]) as T;
  }
  const a = x as MLArray;
  // e = erfc(−x/√2) from core's erfc, in double even for float32 input (an argument
  // rounded to float32 would cost erfc up to 2u²·2⁻²⁴ relative far left). The kernel
  // forms Φ = ½e and x·Φ, rounding each once; Φ(x) is kept for backward and declared,
  // so @smolml/memory counts it. (e itself is not kept: it belongs to a core array.)
  const e = noGrad(() => (a.dtype === 'float32' ? a.astype('float64') : a).mul(-Math.SQRT1_2).erfc()).data as Float64Array;
  if (a.dtype === 'float32') {
    const src = a.data as Float32Array, out = (allocate('float32', src.length) as Float32Array), cdf = (allocate('float32', src.length) as Float32Array);
    geluF32(src, e, out, cdf);
    return customOp('gelu', [a], out, a.shape, (g, [ga]) => {
      if (ga !== null) geluBackF32(src, cdf, g as Float32Array, ga as Float32Array);
    }, { saved: [cdf] }) as T;
  }
  const src = a.data as Float64Array, out = (allocate('float64', src.length) as Float64Array), cdf = (allocate('float64', src.length) as Float64Array);
  geluF64(src, e, out, cdf);
  return customOp('gelu', [a], out, a.shape, (g, [ga]) => {
    if (ga !== null) geluBackF64(src, cdf, g as Float64Array, ga as Float64Array);
  }, { saved: [cdf] }) as T;
}

/**
 * erfc of one number through core's erfc (core has it as an array op): for the Value
 * path, which stays float64.
 */
function erfcOfNumber(u: number): number {
  return MLArray.from([u], [], { dtype: 'float64', requiresGrad: false }).erfc().data[0];
}
