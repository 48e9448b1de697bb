import { checkKeys, decayRate, nonNegative, positive } from './check';
import { Optimizer, type ParameterState } from './optimizer';

/** Options of {@link Adam}. */
export interface AdamOptions {
  /** Step size α. Default 0.01, as the original SmolML (PyTorch and TensorFlow.js: 0.001). */
  learningRate?: number;
  /** β1, the decay of the gradient average m, in [0, 1). Default 0.9. */
  expDecayGradients?: number;
  /** β2, the decay of the squared-gradient average v, in [0, 1). Default 0.999. */
  expDecaySquared?: number;
  /** ε, added to √v̂. Default 1e-8. */
  epsilon?: number;
  /** L2 penalty λ, added to the gradient: g ← g + λθ (for decoupled decay use AdamW). Default 0. */
  weightDecay?: number;
}

const KEYS = ['learningRate', 'expDecayGradients', 'expDecaySquared', 'epsilon', 'weightDecay'] as const;

/**
 * Adam: momentum on the gradient and a per-element step size from the squared
 * gradient, both as exponential moving averages, corrected for starting at zero:
 *
 *     m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 *     m̂ = m / (1 − β1ᵗ)              v̂ = v / (1 − β2ᵗ)
 *     θ ← θ − α · m̂ / (√v̂ + ε)
 *
 * The step is about α in size whatever the gradient's scale, which makes Adam a forgiving
 * default. t counts the updates of each parameter separately (the original counted
 * calls, which skews the correction when several layers are updated per step).
 * Computed as PyTorch does: α/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε).
 *
 * State per parameter: `expAvg` (m), `expAvgSq` (v) and its step count t.
 *
 * @example
 * const opt = new Adam({ learningRate: 1e-3 });
 */
export class Adam extends Optimizer {
  readonly name: string = 'Adam';
  /** β1. */
  expDecayGradients: number;
  /** β2. */
  expDecaySquared: number;
  /** ε added to √v̂. */
  epsilon: number;
  /** L2 penalty λ. */
  weightDecay: number;
  protected readonly optionNames = KEYS;
  protected readonly bufferNames: readonly string[] = ['expAvg', 'expAvgSq'];

  constructor(options: AdamOptions = {}) {
    super(options.learningRate ?? 0.01);
    checkKeys(this.name, options, KEYS);
    this.expDecayGradients = options.expDecayGradients ?? 0.9;
    this.expDecaySquared = options.expDecaySquared ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.validate();
  }

  protected override validate(): void {
    super.validate();
    decayRate(this.name, 'expDecayGradients', this.expDecayGradients);
    decayRate(this.name, 'expDecaySquared', this.expDecaySquared);
    positive(this.name, 'epsilon', this.epsilon);
    nonNegative(this.name, 'weightDecay', this.weightDecay);
  }

  protected updateParameter(p: Float64Array, g: Float64Array, state: ParameterState): void {
    const m = this.buffer(state, 'expAvg');
    const v = this.buffer(state, 'expAvgSq');
    adamKernel(p, g, m, v, this.learningRate, this.expDecayGradients, this.expDecaySquared, this.epsilon, this.weightDecay, state.step);
  }
}

/** @internal The Adam update of one parameter, shared with AdamW. `l2` is coupled weight decay. */
export function adamKernel(
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  l2: number,
  t: number,
): void {
  const stepSize = lr / (1 - beta1 ** t);
  const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const n = p.length;
  // Two copies of the loop: a test on l2 inside it halves the speed of this hot path.
  if (l2 === 0) {
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      const mi = beta1 * m[i] + c1 * gi;
      const vi = beta2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const gi = g[i] + l2 * p[i];
      const mi = beta1 * m[i] + c1 * gi;
      const vi = beta2 * v[i] + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    }
  }
}
