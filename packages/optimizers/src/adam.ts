import type { FloatArray } from '@smolml/core';
import { checkOptions, decayRate, nonNegative, positive, readOptions } from './check';
import { adamF32 } from './kernels/adam.f32';
import { adamF64 } from './kernels/adam.f64';
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

/** @internal Adam's options and their checks; AdamW differs only in weightDecay's default. */
export const ADAM_SPEC = {
  learningRate: { default: 0.01, check: nonNegative },
  expDecayGradients: { default: 0.9, check: decayRate },
  expDecaySquared: { default: 0.999, check: decayRate },
  epsilon: { default: 1e-8, check: positive },
  weightDecay: { default: 0, check: nonNegative },
};

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
  /** Weight decay λ: L2 here, decoupled in {@link AdamW}. */
  weightDecay: number;
  /** Whether `weightDecay` shrinks the weights directly (AdamW) instead of adding λθ to the gradient. */
  protected readonly decoupledWeightDecay: boolean = false;
  protected readonly optionNames: readonly string[] = Object.keys(ADAM_SPEC);
  protected readonly bufferNames: readonly string[] = ['expAvg', 'expAvgSq'];

  constructor(options: AdamOptions = {}) {
    const o = readOptions('Adam', options, ADAM_SPEC);
    super(o.learningRate);
    this.expDecayGradients = o.expDecayGradients;
    this.expDecaySquared = o.expDecaySquared;
    this.epsilon = o.epsilon;
    this.weightDecay = o.weightDecay;
  }

  protected override validate(): void {
    checkOptions(this.name, this, ADAM_SPEC);
  }

  protected updateParameter(p: FloatArray, g: FloatArray, state: ParameterState): void {
    const m = this.buffer(state, 'expAvg');
    const v = this.buffer(state, 'expAvgSq');
    const { learningRate: lr, expDecayGradients: b1, expDecaySquared: b2, epsilon: eps, weightDecay: wd } = this;
    const decoupled = this.decoupledWeightDecay;
    if (p instanceof Float32Array) adamF32(p, g as Float32Array, m as Float32Array, v as Float32Array, lr, b1, b2, eps, wd, decoupled, state.step);
    else adamF64(p, g as Float64Array, m as Float64Array, v as Float64Array, lr, b1, b2, eps, wd, decoupled, state.step);
  }
}
