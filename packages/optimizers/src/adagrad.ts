import { checkKeys, nonNegative, positive } from './check';
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

const KEYS = ['learningRate', 'epsilon', 'initialAccumulatorValue', 'weightDecay'] as const;

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
  protected readonly optionNames = KEYS;
  protected readonly bufferNames: readonly string[] = ['sumSquares'];

  constructor(options: AdaGradOptions = {}) {
    super(options.learningRate ?? 0.01);
    checkKeys(this.name, options, KEYS);
    this.epsilon = options.epsilon ?? 1e-8;
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.validate();
  }

  protected override validate(): void {
    super.validate();
    positive(this.name, 'epsilon', this.epsilon);
    nonNegative(this.name, 'initialAccumulatorValue', this.initialAccumulatorValue);
    nonNegative(this.name, 'weightDecay', this.weightDecay);
  }

  protected updateParameter(p: Float64Array, g: Float64Array, state: ParameterState): void {
    const sum = this.buffer(state, 'sumSquares', this.initialAccumulatorValue);
    const lr = this.learningRate;
    const eps = this.epsilon;
    const wd = this.weightDecay;
    for (let i = 0; i < p.length; i++) {
      const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
      const s = sum[i] + gi * gi;
      sum[i] = s;
      p[i] -= (lr / Math.sqrt(s + eps)) * gi;
    }
  }
}
