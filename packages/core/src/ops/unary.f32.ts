// GENERATED from unary.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../mlarray';
import { allocOutRaw as allocOut, cast } from '../dtypes/float32';
import { absGrad, reluOf, reluPasses, sigmoidOf } from '../scalar';
import { streamReluGrad, streamUnary } from '../wasm/stream-wasm';
import { erfGrad, erfOf, erfcOf, roundHalfEven, signOf } from '../special';

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
  if (!streamUnary('sqrt', out, x)) for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
  return record('sqrt', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] / (2 * out[i]);
  });
}

/** `max(x, 0)`; the gradient at exactly 0 is 0, and NaN passes through, as in PyTorch. */
export function relu(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('relu', a.shape);
  if (!streamUnary('relu', out, x)) for (let i = 0; i < n; i++) out[i] = reluOf(x[i]);
  return record('relu', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null && !streamReluGrad(ga, g as Float32Array, x)) for (let i = 0; i < n; i++) if (reluPasses(x[i])) ga[i] += g[i];
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

/** `ln(1 + x)`, exact for tiny x (Math.log1p: log1p(1e-10) keeps every digit that `log(1 + x)` loses). */
export function log1p(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('log1p', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.log1p(x[i]);
  return record('log1p', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] / (1 + x[i]);
  });
}

/** `e^x − 1`, exact for tiny x (Math.expm1). */
export function expm1(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('expm1', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.expm1(x[i]);
  return record('expm1', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] * (out[i] + 1);
  });
}

/** The error function `(2/√π)∫₀ˣ e^(−t²) dt` (few-ulp accurate; JavaScript has no Math.erf). */
export function erf(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('erf', a.shape);
  for (let i = 0; i < n; i++) out[i] = erfOf(x[i]);
  return record('erf', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] * erfGrad(x[i]);
  });
}

/** `1 − erf x`, with full relative precision far in the tail (erfc(10) ≈ 2.1e-45, where 1 − erf(10) is 0). */
export function erfc(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('erfc', a.shape);
  for (let i = 0; i < n; i++) out[i] = erfcOf(x[i]);
  return record('erfc', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += -g[i] * erfGrad(x[i]);
  });
}

/** `sin x` */
export function sin(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('sin', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]);
  return record('sin', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] * Math.cos(x[i]);
  });
}

/** `cos x` */
export function cos(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('cos', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.cos(x[i]);
  return record('cos', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += -g[i] * Math.sin(x[i]);
  });
}

/** `x²` (gradient 2x). */
export function square(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('square', a.shape);
  for (let i = 0; i < n; i++) out[i] = x[i] * x[i];
  return record('square', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += 2 * x[i] * g[i];
  });
}

/** `1 / x` (1/0 is Infinity); gradient `−1/x²`, computed as PyTorch does from the output: `−g·y·y`. */
export function reciprocal(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('reciprocal', a.shape);
  for (let i = 0; i < n; i++) out[i] = 1 / x[i];
  return record('reciprocal', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga !== null) for (let i = 0; i < n; i++) ga[i] += -g[i] * out[i] * out[i];
  });
}

/** `1`, `-1` or `0` by the sign of x; NaN gives 0 and -0 gives 0, as PyTorch 1.13 (numpy gives NaN for NaN). Zero gradient. */
export function sign(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('sign', a.shape);
  for (let i = 0; i < n; i++) out[i] = signOf(x[i]);
  // The derivative is 0 wherever it exists: the input's gradient buffer is made (zeros,
  // as PyTorch reports) and nothing is added to it.
  return record('sign', out, a.shape, [a], () => { gradOf(a); });
}

/** The largest integer ≤ x. Zero gradient, as PyTorch. */
export function floor(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('floor', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.floor(x[i]);
  // The derivative is 0 wherever it exists: the input's gradient buffer is made (zeros,
  // as PyTorch reports) and nothing is added to it.
  return record('floor', out, a.shape, [a], () => { gradOf(a); });
}

/** The smallest integer ≥ x. Zero gradient, as PyTorch. */
export function ceil(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('ceil', a.shape);
  for (let i = 0; i < n; i++) out[i] = Math.ceil(x[i]);
  // The derivative is 0 wherever it exists: the input's gradient buffer is made (zeros,
  // as PyTorch reports) and nothing is added to it.
  return record('ceil', out, a.shape, [a], () => { gradOf(a); });
}

/** The nearest integer, **half to even** as PyTorch and numpy (round(2.5) = 2, round(-0.5) = -0), unlike `Math.round`'s half up. Zero gradient. */
export function round(a: MLArray): MLArray {
  const x = a.data as Float32Array, n = x.length, out = allocOut('round', a.shape);
  for (let i = 0; i < n; i++) out[i] = roundHalfEven(x[i]);
  // The derivative is 0 wherever it exists: the input's gradient buffer is made (zeros,
  // as PyTorch reports) and nothing is added to it.
  return record('round', out, a.shape, [a], () => { gradOf(a); });
}
