import type { FloatArray } from '@smolml/core';
import { checkOptions, decayRate, flag, nonNegative, readOptions } from './check';
import { sgdMomentumF32 } from './kernels/sgd-momentum.f32';
import { sgdMomentumF64 } from './kernels/sgd-momentum.f64';
import { Optimizer, type ParameterState } from './optimizer';

/** Options of {@link SGDMomentum}. */
export interface SGDMomentumOptions {
  /** Step size α. Default 0.01. */
  learningRate?: number;
  /** How much of the previous velocity is kept, β in [0, 1). Default 0.9. */
  momentumCoefficient?: number;
  /** Nesterov's look-ahead: step by βv + αg instead of v. Default false. */
  nesterov?: boolean;
  /** L2 penalty λ, added to the gradient: g ← g + λθ. Default 0. */
  weightDecay?: number;
}

const SPEC = {
  learningRate: { default: 0.01, check: nonNegative },
  momentumCoefficient: { default: 0.9, check: decayRate },
  nesterov: { default: false, check: flag },
  weightDecay: { default: 0, check: nonNegative },
};

/**
 * Gradient descent with momentum, in the original SmolML form: a velocity accumulates
 * past steps and the parameter moves by it,
 *
 *     v ← βv + α·g,   θ ← θ − v          (nesterov: θ ← θ − (βv + α·g))
 *
 * Along a direction the gradient keeps pointing, the step grows towards α·g / (1 − β);
 * where the gradient flips sign, successive steps cancel and oscillations die down.
 *
 * PyTorch and TensorFlow.js keep the learning rate out of the velocity
 * (v ← βv + g, θ ← θ − α·v). With a constant learning rate the two give the same
 * trajectory; when a schedule changes α, ours changes the next step's contribution
 * only, theirs rescales the whole velocity at once.
 *
 * State per parameter: `velocity`.
 *
 * @example
 * const opt = new SGDMomentum({ learningRate: 0.05, momentumCoefficient: 0.9 });
 */
export class SGDMomentum extends Optimizer {
  readonly name: string = 'SGDMomentum';
  /** β: the fraction of the velocity kept from one step to the next. */
  momentumCoefficient: number;
  /** Whether to use Nesterov's look-ahead step. */
  nesterov: boolean;
  /** L2 penalty λ. */
  weightDecay: number;
  protected readonly optionNames: readonly string[] = Object.keys(SPEC);
  protected readonly bufferNames: readonly string[] = ['velocity'];

  constructor(options: SGDMomentumOptions = {}) {
    const o = readOptions('SGDMomentum', options, SPEC);
    super(o.learningRate);
    this.momentumCoefficient = o.momentumCoefficient;
    this.nesterov = o.nesterov;
    this.weightDecay = o.weightDecay;
  }

  protected override validate(): void {
    checkOptions(this.name, this, SPEC);
  }

  protected updateParameter(p: FloatArray, g: FloatArray, state: ParameterState): void {
    const v = this.buffer(state, 'velocity');
    const { learningRate: lr, momentumCoefficient: beta, weightDecay: wd, nesterov } = this;
    if (p instanceof Float32Array) sgdMomentumF32(p, g as Float32Array, v as Float32Array, lr, beta, wd, nesterov);
    else sgdMomentumF64(p, g as Float64Array, v as Float64Array, lr, beta, wd, nesterov);
  }
}
