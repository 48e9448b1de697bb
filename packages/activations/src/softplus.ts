import { MLArray, Value, customOp } from '@smolml/core';
import { checkPositive } from './internal/check';
import { checkInput } from './internal/input';
import { scalarOp } from './internal/scalar-op';

/** A RangeError unless beta > 0 and threshold is a number (Infinity allowed). */
export function checkSoftplusOptions(beta: unknown, threshold: unknown): void {
  checkPositive('softplus', 'beta', beta);
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new RangeError(`softplus: threshold must be a number, got ${String(threshold)}`);
  }
}

// log(1 + e^z) without overflow (z > 0 is rewritten as z + log(1 + e^−z)) and without
// losing tiny results (log1p keeps e^z ≈ 1e-30 instead of rounding 1 + 1e-30 to 1).
function logOnePlusExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

// σ(z), stable on both sides.
function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Softplus: `softplus(x) = log(1 + e^(β·x)) / β`, a smooth ReLU whose derivative is the
 * sigmoid `σ(β·x)`. Handy wherever an output must be positive (a variance, a rate).
 *
 * Where `β·x > threshold` it returns x itself, as PyTorch does (default threshold 20,
 * where the two differ by less than 1e-9 relative). Fused because core has no log1p:
 * `x.exp().add(1).log()` would overflow for x > 709 and round results below 1e-16 to 0.
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
    return (z > threshold ? scalarOp(x, x.data, 1) : scalarOp(x, logOnePlusExp(z) / beta, logistic(z))) as T;
  }
  const a = x as MLArray;
  const src = a.data, n = src.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = src[i] * beta;
    out[i] = z > threshold ? src[i] : logOnePlusExp(z) / beta;
  }
  return customOp('softplus', [a], out, a.shape, (g, [ga]) => {
    if (ga === null) return;
    for (let i = 0; i < n; i++) {
      const z = src[i] * beta;
      ga[i] += z > threshold ? g[i] : g[i] * logistic(z);
    }
  }) as T;
}
