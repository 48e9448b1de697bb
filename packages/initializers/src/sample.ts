import { type DType, type MLArray, type Rng, zeros } from '@smolml/core';

/** An array of `dims` drawn from U(-limit, limit). */
export function uniformArray(dims: readonly number[], limit: number, rng: Rng, requiresGrad: boolean, dtype?: DType): MLArray {
  const out = zeros(dims, { requiresGrad, dtype });
  const d = out.data;
  for (let i = 0; i < d.length; i++) d[i] = rng.uniform(-limit, limit);
  return out;
}

/** An array of `dims` drawn from N(0, std²). */
export function normalArray(dims: readonly number[], std: number, rng: Rng, requiresGrad: boolean, dtype?: DType): MLArray {
  const out = zeros(dims, { requiresGrad, dtype });
  const d = out.data;
  for (let i = 0; i < d.length; i++) d[i] = std * rng.normal();
  return out;
}
