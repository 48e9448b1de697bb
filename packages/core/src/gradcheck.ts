import { MLArray, checkOptions, wrap } from './mlarray';
import { describeArg } from './errors';
import { noGrad } from './grad-mode';

/** Options for {@link gradCheck}. */
export interface GradCheckOptions {
  /** Finite-difference step (central differences). Default 1e-6. */
  eps?: number;
  /** Absolute tolerance. Default 1e-6. */
  atol?: number;
  /** Relative tolerance. Default 1e-5. */
  rtol?: number;
}

/** What {@link gradCheck} found. */
export interface GradCheckResult {
  /** True when every analytic gradient matches its numerical estimate. */
  ok: boolean;
  /** Largest |analytic - numeric| over all inputs and elements. */
  maxAbsError: number;
  /** A human-readable account of the worst element (for test failure messages). */
  message: string;
}

/**
 * Compares the gradients that backpropagation gives for `fn` at `inputs` against
 * central finite differences, `(f(x + ε) - f(x - ε)) / 2ε`, element by element. `fn`
 * may return any shape; it is summed to a scalar. The inputs are restored afterwards.
 *
 * @example
 * const x = new MLArray([0.5, -1.2, 2]);
 * gradCheck((x) => x.tanh().mul(x), [x]).ok; // true
 */
function positive(name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0) || v === Infinity) throw new RangeError(`gradCheck: ${name} must be a positive finite number, got ${String(v)}`);
  return v;
}

export function gradCheck(fn: (...inputs: MLArray[]) => MLArray, inputs: readonly MLArray[], options?: GradCheckOptions): GradCheckResult {
  if (typeof fn !== 'function') throw new TypeError(`gradCheck: expected a function, got ${describeArg(fn)}`);
  if (!Array.isArray(inputs) || !inputs.every((x) => x instanceof MLArray)) {
    throw new TypeError(`gradCheck: inputs must be an array of MLArrays, got ${describeArg(inputs)}`);
  }
  const opts = checkOptions<GradCheckOptions>('gradCheck', options);
  const eps = positive('eps', opts.eps, 1e-6);
  const atol = positive('atol', opts.atol, 1e-6);
  const rtol = positive('rtol', opts.rtol, 1e-5);
  for (const x of inputs) {
    if (x.dtype !== 'float64') throw new TypeError(`gradCheck: finite differences need float64 inputs (float32 rounding swamps them), got a ${x.dtype} array`);
  }
  // Fresh leaves that share the inputs' data, so the caller's gradients are untouched.
  const leaves = inputs.map((x) => wrap(x.data, x.shape, true));
  fn(...leaves).sum().backward();
  const total = (): number => noGrad(() => fn(...leaves).sum().item());
  let worst = 0;
  let worstBad = -1;
  let message = '';
  for (let t = 0; t < leaves.length; t++) {
    const leaf = leaves[t];
    const analytic = leaf.grad === null ? new Float64Array(leaf.size) : leaf.grad.data;
    const x = leaf.data;
    for (let i = 0; i < x.length; i++) {
      const orig = x[i];
      let fp: number, fm: number;
      // The caller's data is perturbed in place; put it back even when fn throws.
      try {
        x[i] = orig + eps;
        fp = total();
        x[i] = orig - eps;
        fm = total();
      } finally {
        x[i] = orig;
      }
      const numeric = (fp - fm) / (2 * eps);
      const err = Math.abs(analytic[i] - numeric);
      const e = Number.isNaN(err) ? Infinity : err;
      worst = Math.max(worst, e);
      if (!(err <= atol + rtol * Math.abs(numeric)) && e > worstBad) {
        worstBad = e;
        message = `input ${t}, element ${i}: analytic ${analytic[i]}, numeric ${numeric} (|diff| ${err})`;
      }
    }
  }
  const ok = worstBad < 0;
  return { ok, maxAbsError: worst, message: ok ? `all gradients match (max |diff| ${worst})` : message };
}
