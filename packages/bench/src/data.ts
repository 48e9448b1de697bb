import { Rng } from '@smolml/core';

/**
 * `n` seeded numbers from N(0, std), rounded to float32 so every contender starts from
 * exactly the same inputs: what differs afterwards is arithmetic, not data.
 */
export function normal(n: number, seed: number, std = 1): Float64Array {
  const rng = new Rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.fround(rng.normal(0, std));
  return out;
}

/** `n` seeded numbers from U(lo, hi), rounded to float32. */
export function uniform(n: number, seed: number, lo = 0, hi = 1): Float64Array {
  const rng = new Rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.fround(rng.uniform(lo, hi));
  return out;
}

/** A one-hot [rows × classes] matrix of seeded labels. */
export function oneHot(rows: number, classes: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const out = new Float64Array(rows * classes);
  for (let r = 0; r < rows; r++) out[r * classes + rng.int(0, classes)] = 1;
  return out;
}
