import type { FloatArray } from '@smolml/core';
import { checkOptions, decayRate, flag, nonNegative, positive, readOptions } from './check';
import { rmspropF32 } from './kernels/rmsprop.f32';
import { rmspropF64 } from './kernels/rmsprop.f64';
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

const SPEC = {
  learningRate: { default: 0.01, check: nonNegative },
  expDecaySquared: { default: 0.9, check: decayRate },
  epsilon: { default: 1e-8, check: positive },
  momentum: { default: 0, check: decayRate },
  centered: { default: false, check: flag },
  weightDecay: { default: 0, check: nonNegative },
};

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
  protected readonly optionNames: readonly string[] = Object.keys(SPEC);
  protected readonly bufferNames: readonly string[] = ['squareAvg', 'momentumBuffer', 'gradAvg'];

  constructor(options: RMSPropOptions = {}) {
    const o = readOptions('RMSProp', options, SPEC);
    super(o.learningRate);
    this.expDecaySquared = o.expDecaySquared;
    this.epsilon = o.epsilon;
    this.momentum = o.momentum;
    this.centered = o.centered;
    this.weightDecay = o.weightDecay;
  }

  protected override validate(): void {
    checkOptions(this.name, this, SPEC);
  }

  protected updateParameter(p: FloatArray, g: FloatArray, state: ParameterState): void {
    const sq = this.buffer(state, 'squareAvg');
    const avg = this.centered ? this.buffer(state, 'gradAvg') : null;
    const buf = this.momentum > 0 ? this.buffer(state, 'momentumBuffer') : null;
    const { learningRate: lr, expDecaySquared: rho, epsilon: eps, momentum: mu, weightDecay: wd } = this;
    if (p instanceof Float32Array) {
      rmspropF32(p, g as Float32Array, sq as Float32Array, avg as Float32Array | null, buf as Float32Array | null, lr, rho, eps, mu, wd);
    } else {
      rmspropF64(p, g as Float64Array, sq as Float64Array, avg as Float64Array | null, buf as Float64Array | null, lr, rho, eps, mu, wd);
    }
  }
}
