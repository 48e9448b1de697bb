import type { FloatArray } from '@smolml/core';
import { checkOptions, nonNegative, positive, readOptions } from './check';
import { adagradF32 } from './kernels/adagrad.f32';
import { adagradF64 } from './kernels/adagrad.f64';
import { Optimizer, type ParameterState } from './optimizer';

/** Options of {@link AdaGrad}. */
export interface AdaGradOptions {
  /** Step size α. Default 0.01. */
  learningRate?: number;
  /** ε, added to G inside the square root. Default 1e-8. */
  epsilon?: number;
  /** The starting value of G. Default 0 (TensorFlow.js and Keras use 0.1). */
  initialAccumulatorValue?: number;
  /** L2 penalty λ, added to the gradient: g ← g + λθ. Default 0. */
  weightDecay?: number;
}

const SPEC = {
  learningRate: { default: 0.01, check: nonNegative },
  epsilon: { default: 1e-8, check: positive },
  initialAccumulatorValue: { default: 0, check: nonNegative },
  weightDecay: { default: 0, check: nonNegative },
};

/**
 * AdaGrad: every element gets its own step size, shrinking with the squared gradients
 * it has seen so far,
 *
 *     G ← G + g²,   θ ← θ − α / √(G + ε) · g
 *
 * Elements with large or frequent gradients slow down; rare ones keep moving. G only
 * grows, so the steps shrink for ever: good for sparse problems, a stall on long runs.
 *
 * ε sits inside the root, as in the original SmolML and TensorFlow.js; PyTorch adds it
 * outside (α · g / (√G + ε), ε = 1e-10). The two differ only while G is tiny.
 *
 * State per parameter: `sumSquares` (G).
 *
 * @example
 * const opt = new AdaGrad({ learningRate: 0.1 });
 */
export class AdaGrad extends Optimizer {
  readonly name: string = 'AdaGrad';
  /** ε inside the square root. */
  epsilon: number;
  /** The starting value of G for parameters seen from now on. */
  initialAccumulatorValue: number;
  /** L2 penalty λ. */
  weightDecay: number;
  protected readonly optionNames: readonly string[] = Object.keys(SPEC);
  protected readonly bufferNames: readonly string[] = ['sumSquares'];

  constructor(options: AdaGradOptions = {}) {
    const o = readOptions('AdaGrad', options, SPEC);
    super(o.learningRate);
    this.epsilon = o.epsilon;
    this.initialAccumulatorValue = o.initialAccumulatorValue;
    this.weightDecay = o.weightDecay;
  }

  protected override validate(): void {
    checkOptions(this.name, this, SPEC);
  }

  protected updateParameter(p: FloatArray, g: FloatArray, state: ParameterState): void {
    const sum = this.buffer(state, 'sumSquares', this.initialAccumulatorValue);
    const { learningRate: lr, epsilon: eps, weightDecay: wd } = this;
    if (p instanceof Float32Array) adagradF32(p, g as Float32Array, sum as Float32Array, lr, eps, wd);
    else adagradF64(p, g as Float64Array, sum as Float64Array, lr, eps, wd);
  }
}
