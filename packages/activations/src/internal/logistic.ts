// Scalar pieces of softplus, shared by its array kernels and its Value path.

/**
 * log(1 + e^z) without overflow (z > 0 is rewritten as z + log(1 + e^−z)) and without
 * losing tiny results (log1p keeps e^z ≈ 1e-30 instead of rounding 1 + 1e-30 to 1).
 */
export function logOnePlusExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** σ(z) = 1 / (1 + e^−z), stable on both sides. */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
