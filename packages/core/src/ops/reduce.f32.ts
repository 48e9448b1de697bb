// GENERATED from reduce.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, axisArg, keepdimsArg, record, gradOf, wrap } from '../mlarray';
import { allocOut } from '../dtypes/float32';
import { accumulator } from './acc';
import { axisPlan } from '../vocabulary';
import { indexBuffer } from './indexing/indices';

// A reduction over one axis of a row-major array sees it as [outer, n, inner]: the
// reduced elements of output (o, k) sit at o*n*inner + j*inner + k for j < n.
// Reducing everything is the case outer = inner = 1, n = size.
interface Plan {
  outer: number;
  n: number;
  inner: number;
  shape: number[];
}

function plan(op: string, a: MLArray, axisIn: number | null, keepdims: boolean): Plan {
  keepdimsArg(op, keepdims);
  const axis = axisArg(op, axisIn, a.ndim);
  if (axis === null) {
    return { outer: 1, n: a.size, inner: 1, shape: keepdims ? a.shape.map(() => 1) : [] };
  }
  const shape = a.shape.slice();
  if (keepdims) shape[axis] = 1;
  else shape.splice(axis, 1);
  return { ...axisPlan(a.shape, axis), shape };
}

// Sum and mean share one pass: mean is the sum scaled by 1/n, forward and backward.
function scaledSum(op: 'sum' | 'mean', a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  const { outer, n, inner, shape } = plan(op, a, axis, keepdims);
  const x = a.data as Float32Array, out = allocOut(op, shape);
  // Summed in double, rounded once per output element.
  const acc = accumulator(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const row = (o * n + j) * inner, ob = o * inner;
      for (let k = 0; k < inner; k++) acc[ob + k] += x[row + k];
    }
  }
  const mean = op === 'mean';
  for (let i = 0; i < acc.length; i++) out[i] = mean ? acc[i] / n : acc[i];
  return record(op, out, shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga === null) return;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) {
        const row = (o * n + j) * inner, ob = o * inner;
        if (mean) for (let k = 0; k < inner; k++) ga[row + k] += g[ob + k] / n;
        else for (let k = 0; k < inner; k++) ga[row + k] += g[ob + k];
      }
    }
  });
}

/** Sum over an axis (or everything). */
export function sum(a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  return scaledSum('sum', a, axis, keepdims);
}

/** Mean over an axis (or everything); the mean of zero elements is NaN. */
export function mean(a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  return scaledSum('mean', a, axis, keepdims);
}

function extreme(op: 'max' | 'min', a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  const p = plan(op, a, axis, keepdims);
  const { outer, n, inner } = p;
  if (n === 0) throw new RangeError(`${op}: cannot reduce an empty axis (shape [${a.shape.join(', ')}])`);
  const x = a.data as Float32Array, out = allocOut(op, p.shape);
  const sign = op === 'max' ? 1 : -1;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let best = x[o * n * inner + k];
      for (let j = 1; j < n; j++) {
        const v = x[(o * n + j) * inner + k];
        if (v !== v) { best = v; break; } // NaN wins, as in PyTorch
        if (sign * (v - best) > 0) best = v;
      }
      out[o * inner + k] = best;
    }
  }
  return record(op, out, p.shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga === null) return;
    // Tied extremes share the gradient equally (PyTorch's amax/amin rule).
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const best = out[o * inner + k];
        if (best !== best) {
          // A NaN extreme matches no element; PyTorch's rule (g / #matches on the
          // matches) then spreads NaN over the whole slice, and so do we.
          for (let j = 0; j < n; j++) ga[(o * n + j) * inner + k] += NaN;
          continue;
        }
        let ties = 0;
        for (let j = 0; j < n; j++) if (x[(o * n + j) * inner + k] === best) ties++;
        const share = g[o * inner + k] / ties;
        for (let j = 0; j < n; j++) {
          const idx = (o * n + j) * inner + k;
          if (x[idx] === best) ga[idx] += share;
        }
      }
    }
  });
}

/** Maximum over an axis (or everything). */
export function max(a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  return extreme('max', a, axis, keepdims);
}

/** Minimum over an axis (or everything). */
export function min(a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  return extreme('min', a, axis, keepdims);
}

// var and std share one pass: the mean, then Σ(x − μ)² / max(0, n − correction), as
// PyTorch (a correction past n divides by zero: Infinity or NaN, as torch gives).
function moments(op: 'var' | 'std', a: MLArray, axis: number | null, keepdims: boolean, correction: number): MLArray {
  const { outer, n, inner, shape } = plan(op, a, axis, keepdims);
  const x = a.data as Float32Array, m = outer * inner;
  const denom = Math.max(0, n - correction);
  // The means stay in double for the backward pass (saved), whatever the dtype.
  const mu = accumulator(m), out = allocOut(op, shape);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += x[(o * n + j) * inner + k];
      const mean = s / n;
      let ss = 0;
      for (let j = 0; j < n; j++) {
        const d = x[(o * n + j) * inner + k] - mean;
        ss += d * d;
      }
      mu[o * inner + k] = mean;
      out[o * inner + k] = op === 'std' ? Math.sqrt(ss / denom) : ss / denom;
    }
  }
  return record(op, out, shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga === null) return;
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        let c: number;
        if (op === 'std') {
          // Where σ = 0 (constant input) the derivative is 0/0; PyTorch masks it to 0, and
          // so do we, so a layer norm over a constant row does not poison training with NaN.
          const sigma = out[o * inner + k];
          if (sigma === 0) continue;
          c = g[o * inner + k] / (denom * sigma);
        } else {
          c = (2 * g[o * inner + k]) / denom;
        }
        const mean = mu[o * inner + k];
        for (let j = 0; j < n; j++) {
          const idx = (o * n + j) * inner + k;
          ga[idx] += c * (x[idx] - mean);
        }
      }
    }
  }, [mu]);
}

/** Standard deviation `sqrt(Σ(x − μ)² / (n − correction))`; gradient `(x − μ) / ((n − c)σ)`, 0 where σ = 0 (as PyTorch). */
export function std(a: MLArray, axis: number | null, keepdims: boolean, correction = 0): MLArray {
  return moments('std', a, axis, keepdims, correction);
}

/** Variance `Σ(x − μ)² / (n − correction)`; gradient `2(x − μ) / (n − c)`. */
export function variance(a: MLArray, axis: number | null, keepdims: boolean, correction = 0): MLArray {
  return moments('var', a, axis, keepdims, correction);
}

/**
 * `log Σ e^x`, stable: the max m is subtracted first, `m + log Σ e^(x − m)`, so it holds
 * at ±1e4; all −Infinity gives −Infinity, any +Infinity gives +Infinity (as PyTorch).
 * The gradient is the softmax, `e^(x − out)`.
 */
export function logsumexp(a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  const { outer, n, inner, shape } = plan('logsumexp', a, axis, keepdims);
  const x = a.data as Float32Array, out = allocOut('logsumexp', shape);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let m = -Infinity;
      for (let j = 0; j < n; j++) {
        const v = x[(o * n + j) * inner + k];
        if (v > m || v !== v) m = v;
        if (v !== v) break;
      }
      if (m === -Infinity || m === Infinity || m !== m) {
        out[o * inner + k] = m;
        continue;
      }
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.exp(x[(o * n + j) * inner + k] - m);
      out[o * inner + k] = m + Math.log(s);
    }
  }
  return record('logsumexp', out, shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga === null) return;
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const lse = out[o * inner + k], go = g[o * inner + k];
        for (let j = 0; j < n; j++) {
          const idx = (o * n + j) * inner + k;
          ga[idx] += go * Math.exp(x[idx] - lse);
        }
      }
    }
  });
}

/**
 * The product over an axis (or all). Its gradient is the product of the *other*
 * elements, computed from prefix and suffix products rather than `out / x`, so it is
 * exact with one zero present (the zero's gradient is the product of the rest) and with
 * two (all zero).
 */
export function prod(a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  const { outer, n, inner, shape } = plan('prod', a, axis, keepdims);
  const x = a.data as Float32Array, out = allocOut('prod', shape);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let p = 1;
      for (let j = 0; j < n; j++) p *= x[(o * n + j) * inner + k];
      out[o * inner + k] = p;
    }
  }
  return record('prod', out, shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga === null) return;
    const suffix = accumulator(n + 1);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        suffix[n] = 1;
        for (let j = n - 1; j >= 0; j--) suffix[j] = suffix[j + 1] * x[(o * n + j) * inner + k];
        let prefix = 1;
        const go = g[o * inner + k];
        for (let j = 0; j < n; j++) {
          const idx = (o * n + j) * inner + k;
          ga[idx] += go * prefix * suffix[j + 1];
          prefix *= x[idx];
        }
      }
    }
  });
}

// argmax and argmin give data: float32 indices (indexBuffer, exact to 2^53) whatever the
// input's dtype, not recorded, requiresGrad false.

/** Index of the largest element along an axis (flat index when axis is null); first wins on ties, NaN wins. */
export function argmax(a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  const { outer, n, inner, shape } = plan('argmax', a, axis, keepdims);
  if (n === 0) throw new RangeError(`argmax: cannot reduce an empty axis (shape [${a.shape.join(', ')}])`);
  const x = a.data as Float32Array, out = indexBuffer('argmax', shape);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let best = x[o * n * inner + k], bi = 0;
      for (let j = 1; j < n; j++) {
        const v = x[(o * n + j) * inner + k];
        if (v > best || (v !== v && best === best)) { best = v; bi = j; }
      }
      out[o * inner + k] = bi;
    }
  }
  return wrap(out, shape, false);
}

/** Index of the smallest element along an axis (flat index when axis is null); first wins on ties, the first NaN wins (as numpy and PyTorch). */
export function argmin(a: MLArray, axis: number | null, keepdims: boolean): MLArray {
  const { outer, n, inner, shape } = plan('argmin', a, axis, keepdims);
  if (n === 0) throw new RangeError(`argmin: cannot reduce an empty axis (shape [${a.shape.join(', ')}])`);
  const x = a.data as Float32Array, out = indexBuffer('argmin', shape);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let best = x[o * n * inner + k], bi = 0;
      if (best === best) {
        for (let j = 1; j < n; j++) {
          const v = x[(o * n + j) * inner + k];
          if (v !== v) { bi = j; break; }
          if (v < best) { best = v; bi = j; }
        }
      }
      out[o * inner + k] = bi;
    }
  }
  return wrap(out, shape, false);
}
