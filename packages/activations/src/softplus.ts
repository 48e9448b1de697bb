import { type MLArray, Value } from '@smolml/core';
import { checkNumber, checkPositive } from './internal/check';
import { fusedElementwise, inDType } from './internal/fused';
import { checkInput } from './internal/input';
import { logOnePlusExp, logistic } from './internal/logistic';
import { softplusBackF64, softplusF64 } from './kernels/softplus.f64';
import { softplusBackF32, softplusF32 } from './kernels/softplus.f32';

/** A RangeError unless beta > 0 and threshold is a number (Infinity allowed, NaN not); a TypeError for non-numbers. */
export function checkSoftplusOptions(beta: unknown, threshold: unknown): void {
  checkPositive('softplus', 'beta', beta);
  checkNumber('softplus', 'threshold', threshold);
  if (Number.isNaN(threshold)) throw new RangeError('softplus: threshold must be a number or ±Infinity, got NaN');
}

/**
 * Softplus: `softplus(x) = log(1 + e^(β·x)) / β`, a smooth ReLU whose derivative is the
 * sigmoid `σ(β·x)`. Handy wherever an output must be positive (a variance, a rate).
 *
 * Where `β·x > threshold` it returns x itself, as PyTorch does (default threshold 20,
 * where the two differ by less than 1e-9 relative). It never overflows and keeps tiny
 * results (`x.exp().add(1).log()` would overflow for x > 709 and round results below
 * 1e-16 to 0). Fused: from core's ops (relu, abs, exp, log1p, a mask for the threshold)
 * it would take six passes and six nodes instead of one.
 *
 * @example
 * softplus(new MLArray([-1, 0, 1])).toList();
 * // [0.31326168751822286, 0.6931471805599453, 1.3132616875182228]
 * softplus(new Value(30)).data; // 30 (past the threshold)
 */
export function softplus<T extends MLArray | Value>(x: T, beta = 1, threshold = 20): T {
  checkSoftplusOptions(beta, threshold);
  checkInput('softplus', x);
  if (x instanceof Value) {
    const z = x.data * beta;
    return (z > threshold ? Value.custom(x.data, [x], [1]) : Value.custom(logOnePlusExp(z) / beta, [x], [logistic(z)])) as T;
  }
  const a = x as MLArray, b = inDType(a, beta), t = inDType(a, threshold);
  return fusedElementwise('softplus', a,
    { forward: (src, out) => softplusF64(src, b, t, out), backward: (src, g, gx) => softplusBackF64(src, b, t, g, gx) },
    { forward: (src, out) => softplusF32(src, b, t, out), backward: (src, g, gx) => softplusBackF32(src, b, t, g, gx) }) as T;
}
