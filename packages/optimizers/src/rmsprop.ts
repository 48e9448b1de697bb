import { checkKeys, decayRate, flag, nonNegative, positive } from './check';
import { Optimizer, type ParameterState } from './optimizer';

/** Options of {@link RMSProp}. */
export interface RMSPropOptions {
  /** Step size α. Default 0.01. */
  learningRate?: number;
  /** ρ, the decay of the squared-gradient average, in [0, 1). Default 0.9 (PyTorch's alpha: 0.99). */
  expDecaySquared?: number;
  /** ε, added to the root. Default 1e-8. */
  epsilon?: number;
  /** Momentum μ on the scaled step, in [0, 1). Default 0. */
  momentum?: number;
  /** Divide by an estimate of the gradient's variance instead of its raw second moment. Default false. */
  centered?: boolean;
  /** L2 penalty λ, added to the gradient: g ← g + λθ. Default 0. */
  weightDecay?: number;
}

const KEYS = ['learningRate', 'expDecaySquared', 'epsilon', 'momentum', 'centered', 'weightDecay'] as const;

/**
 * RMSProp: AdaGrad with a memory that fades. The squared gradients are averaged with
 * exponential decay instead of summed, so the step size adapts without shrinking for
 * ever:
 *
 *     s ← ρ·s + (1 − ρ)·g²,   θ ← θ − α · g / (√s + ε)
 *
 * With `momentum` μ: b ← μ·b + g / (√s + ε), θ ← θ − α·b. With `centered`, the running
 * mean of g is tracked too and √(s − ḡ²) replaces √s. ε outside the root, as PyTorch
 * (TensorFlow.js: inside).
 *
 * State per parameter: `squareAvg`, and `momentumBuffer` / `gradAvg` when those
 * options are on.
 *
 * @example
 * const opt = new RMSProp({ learningRate: 1e-3 });
 */
export class RMSProp extends Optimizer {
  readonly name: string = 'RMSProp';
  /** ρ. */
  expDecaySquared: number;
  /** ε added to the root. */
  epsilon: number;
  /** Momentum μ (0 for none). */
  momentum: number;
  /** Whether to subtract the squared mean gradient. */
  centered: boolean;
  /** L2 penalty λ. */
  weightDecay: number;
  protected readonly optionNames = KEYS;
  protected readonly bufferNames: readonly string[] = ['squareAvg', 'momentumBuffer', 'gradAvg'];

  constructor(options: RMSPropOptions = {}) {
    super(options.learningRate ?? 0.01);
    checkKeys(this.name, options, KEYS);
    this.expDecaySquared = options.expDecaySquared ?? 0.9;
    this.epsilon = options.epsilon ?? 1e-8;
    this.momentum = options.momentum ?? 0;
    this.centered = options.centered ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    this.validate();
  }

  protected override validate(): void {
    super.validate();
    decayRate(this.name, 'expDecaySquared', this.expDecaySquared);
    positive(this.name, 'epsilon', this.epsilon);
    decayRate(this.name, 'momentum', this.momentum);
    flag(this.name, 'centered', this.centered);
    nonNegative(this.name, 'weightDecay', this.weightDecay);
  }

  protected updateParameter(p: Float64Array, g: Float64Array, state: ParameterState): void {
    const sq = this.buffer(state, 'squareAvg');
    const lr = this.learningRate;
    const rho = this.expDecaySquared;
    const c = 1 - rho;
    const eps = this.epsilon;
    const wd = this.weightDecay;
    const mu = this.momentum;
    const avg = this.centered ? this.buffer(state, 'gradAvg') : null;
    const buf = mu > 0 ? this.buffer(state, 'momentumBuffer') : null;
    for (let i = 0; i < p.length; i++) {
      const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
      const s = rho * sq[i] + c * gi * gi;
      sq[i] = s;
      let denom: number;
      if (avg === null) {
        denom = Math.sqrt(s) + eps;
      } else {
        const a = rho * avg[i] + c * gi;
        avg[i] = a;
        denom = Math.sqrt(s - a * a) + eps;
      }
      if (buf === null) {
        p[i] -= (lr * gi) / denom;
      } else {
        const b = mu * buf[i] + gi / denom;
        buf[i] = b;
        p[i] -= lr * b;
      }
    }
  }
}
