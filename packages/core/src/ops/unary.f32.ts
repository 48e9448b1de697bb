// GENERATED from unary.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../mlarray';
import { allocOut, cast } from '../dtypes/float32';
import { absGrad, reluOf, reluPasses, sigmoidOf } from '../scalar';

// Elementwise functions of one array. Each computes in double and stores in this
// file's dtype; each backward reads what it needs from the forward (input x or output
// y) and accumulates into x's gradient buffer, skipping an input that needs none.

/** `-x` */
export function neg(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('neg', a.shape);
  for (let i = 0; i < n; i++) out[i] = -x[i];
  return record('neg', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] -= g[i];
  });
}

/** `|x|`; gradient `sign(x)`, 0 at 0 as in PyTorch. */
export function abs(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('abs', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
  return record('abs', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += absGrad(g[i], x[i]);
  });
}

/** `e^x` */
export function exp(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('exp', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
  return record('exp', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] * out[i];
  });
}

/** `ln x`; `ln 0 = -Infinity`, negative input gives NaN (IEEE-754, as PyTorch). */
export function log(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('log', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
  return record('log', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] / x[i];
  });
}

/** `√x` */
export function sqrt(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('sqrt', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
  return record('sqrt', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] / (2 * out[i]);
  });
}

/** `max(x, 0)`; the gradient at exactly 0 is 0, and NaN passes through, as in PyTorch. */
export function relu(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('relu', a.shape);
  for (let i = 0; i < n; i++) out[i] = reluOf(x[i]);
  return record('relu', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) if (reluPasses(x[i])) ga[i] += g[i];
  });
}

/** `tanh x` via `Math.tanh`, which saturates to ±1 instead of overflowing like `(e^2x - 1)/(e^2x + 1)`. */
export function tanh(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('tanh', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
  return record('tanh', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] * (1 - out[i] * out[i]);
  });
}

/** `1 / (1 + e^-x)`, stable for any x: sigmoid(-1e4) is exactly 0, not NaN. */
export function sigmoid(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('sigmoid', a.shape);
  for (let i = 0; i < n; i++) out[i] = sigmoidOf(x[i]);
  return record('sigmoid', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] * out[i] * (1 - out[i]);
  });
}

/**
 * `min(max(x, lo), hi)`, as PyTorch's clamp: with lo > hi every element becomes hi. The
 * gradient passes where `lo <= x <= hi` (so nowhere when lo > hi).
 */
export function clip(a: MLArray, loIn: number, hiIn: number): MLArray {
  const lo = cast(loIn), hi = cast(hiIn);
  const x = a.data as Float32Array, n = x.length, out = allocOut('clip', a.shape);
  for (let i = 0; i < n; i++) {
    const t = x[i] < lo ? lo : x[i];
    out[i] = t > hi ? hi : t;
  }
  return record('clip', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) if (x[i] >= lo && x[i] <= hi) ga[i] += g[i];
  });
}
