import type { FloatArray } from '@smolml/core';
import { checkOptions, nonNegative, readOptions } from './check';
import { sgdF32 } from './kernels/sgd.f32';
import { sgdF64 } from './kernels/sgd.f64';
import { Optimizer, type ParameterState } from './optimizer';

/** Options of {@link SGD}. */
export interface SGDOptions {
  /** Step size α. Default 0.01. */
  learningRate?: number;
  /** L2 penalty λ, added to the gradient: g ← g + λθ. Default 0. */
  weightDecay?: number;
}

const SPEC = {
  learningRate: { default: 0.01, check: nonNegative },
  weightDecay: { default: 0, check: nonNegative },
};

/**
 * Plain gradient descent: θ ← θ − α·g, a step against the gradient scaled by the
 * learning rate. With `weightDecay` λ the gradient is g + λθ (L2 regularisation), as in
 * PyTorch. No state.
 *
 * @example
 * const opt = new SGD({ learningRate: 0.1 });
 * loss.backward();
 * opt.step([w, b]);
 */
export class SGD extends Optimizer {
  readonly name: string = 'SGD';
  /** L2 penalty λ. */
  weightDecay: number;
  protected readonly optionNames: readonly string[] = Object.keys(SPEC);
  protected readonly bufferNames: readonly string[] = [];

  constructor(options: SGDOptions = {}) {
    const o = readOptions('SGD', options, SPEC);
    super(o.learningRate);
    this.weightDecay = o.weightDecay;
  }

  protected override validate(): void {
    checkOptions(this.name, this, SPEC);
  }

  protected updateParameter(p: FloatArray, g: FloatArray, _state: ParameterState): void {
    if (p instanceof Float32Array) sgdF32(p, g as Float32Array, this.learningRate, this.weightDecay);
    else sgdF64(p, g as Float64Array, this.learningRate, this.weightDecay);
  }
}
