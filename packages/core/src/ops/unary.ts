import { type MLArray, record, gradOf } from '../mlarray';

// Elementwise functions of one array. Each backward reads what it needs from the
// forward (input x or output y) and accumulates into x's gradient buffer.

/** `-x` */
export function neg(a: MLArray): MLArray {
  const x = a.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -x[i];
  return record('neg', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) ga[i] -= g[i];
  });
}

/** `|x|`; gradient `sign(x)`, 0 at 0 as in PyTorch. */
export function abs(a: MLArray): MLArray {
  const x = a.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
  return record('abs', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) ga[i] += x[i] > 0 ? g[i] : x[i] < 0 ? -g[i] : 0;
  });
}

/** `e^x` */
export function exp(a: MLArray): MLArray {
  const x = a.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
  return record('exp', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) ga[i] += g[i] * out[i];
  });
}

/** `ln x`; `ln 0 = -Infinity`, negative input gives NaN (IEEE-754, as PyTorch). */
export function log(a: MLArray): MLArray {
  const x = a.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
  return record('log', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) ga[i] += g[i] / x[i];
  });
}

/** `√x` */
export function sqrt(a: MLArray): MLArray {
  const x = a.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
  return record('sqrt', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) ga[i] += g[i] / (2 * out[i]);
  });
}

/** `max(x, 0)`; the gradient at exactly 0 is 0, and NaN passes through, as in PyTorch. */
export function relu(a: MLArray): MLArray {
  const x = a.data, n = x.length, out = new Float64Array(n);
  // Written as `x <= 0 ? 0 : x` so a NaN stays NaN (and keeps its gradient) instead of
  // being silently turned into 0.
  for (let i = 0; i < n; i++) out[i] = x[i] <= 0 ? 0 : x[i];
  return record('relu', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) if (!(x[i] <= 0)) ga[i] += g[i];
  });
}

/** `tanh x` via `Math.tanh`, which saturates to ±1 instead of overflowing like `(e^2x - 1)/(e^2x + 1)`. */
export function tanh(a: MLArray): MLArray {
  const x = a.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
  return record('tanh', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) ga[i] += g[i] * (1 - out[i] * out[i]);
  });
}

/**
 * `1 / (1 + e^-x)`. For x < 0 it is evaluated as `e^x / (1 + e^x)` so e^-x never
 * overflows: sigmoid(-1e4) is exactly 0, not NaN.
 */
export function sigmoid(a: MLArray): MLArray {
  const x = a.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v >= 0) {
      out[i] = 1 / (1 + Math.exp(-v));
    } else {
      const e = Math.exp(v);
      out[i] = e / (1 + e);
    }
  }
  return record('sigmoid', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) ga[i] += g[i] * out[i] * (1 - out[i]);
  });
}

/** Clamps into `[min, max]`; the gradient passes where `min <= x <= max`, as in PyTorch's clamp. */
export function clip(a: MLArray, min: number, max: number): MLArray {
  if (typeof min !== 'number' || typeof max !== 'number' || Number.isNaN(min) || Number.isNaN(max) || min > max) {
    throw new RangeError(`clip: expected numbers min <= max, got min=${min}, max=${max}`);
  }
  const x = a.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    out[i] = v < min ? min : v > max ? max : v;
  }
  return record('clip', out, a.shape, [a], (g) => {
    const ga = gradOf(a) as Float64Array;
    for (let i = 0; i < n; i++) if (x[i] >= min && x[i] <= max) ga[i] += g[i];
  });
}
