import { adamKernel } from './adam';
import { checkKeys, decayRate, nonNegative, positive } from './check';
import { Optimizer, type ParameterState } from './optimizer';

/** Options of {@link AdamW}. */
export interface AdamWOptions {
  /** Step size α. Default 0.01, as our Adam (PyTorch: 0.001). */
  learningRate?: number;
  /** β1, the decay of the gradient average, in [0, 1). Default 0.9. */
  expDecayGradients?: number;
  /** β2, the decay of the squared-gradient average, in [0, 1). Default 0.999. */
  expDecaySquared?: number;
  /** ε, added to √v̂. Default 1e-8. */
  epsilon?: number;
  /** Decoupled weight decay λ: θ ← θ − αλθ before each Adam step. Default 0.01, as PyTorch. */
  weightDecay?: number;
}

const KEYS = ['learningRate', 'expDecayGradients', 'expDecaySquared', 'epsilon', 'weightDecay'] as const;

/**
 * AdamW: Adam with decoupled weight decay. Each step first shrinks the weights,
 * θ ← θ·(1 − αλ), then takes the plain {@link Adam} step. Adding λθ to the gradient
 * instead (Adam's `weightDecay`) lets Adam's per-element scaling weaken the decay
 * exactly where gradients are large; decoupling keeps it a uniform pull towards zero
 * (Loshchilov & Hutter, 2019). Same arithmetic as PyTorch's AdamW.
 *
 * State per parameter: `expAvg`, `expAvgSq` and its step count.
 *
 * @example
 * const opt = new AdamW({ learningRate: 1e-3, weightDecay: 0.05 });
 */
export class AdamW extends Optimizer {
  readonly name: string = 'AdamW';
  /** β1. */
  expDecayGradients: number;
  /** β2. */
  expDecaySquared: number;
  /** ε added to √v̂. */
  epsilon: number;
  /** Decoupled weight decay λ. */
  weightDecay: number;
  protected readonly optionNames = KEYS;
  protected readonly bufferNames: readonly string[] = ['expAvg', 'expAvgSq'];

  constructor(options: AdamWOptions = {}) {
    super(options.learningRate ?? 0.01);
    checkKeys(this.name, options, KEYS);
    this.expDecayGradients = options.expDecayGradients ?? 0.9;
    this.expDecaySquared = options.expDecaySquared ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.01;
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
    const lr = this.learningRate;
    if (this.weightDecay !== 0) {
      const shrink = 1 - lr * this.weightDecay;
      for (let i = 0; i < p.length; i++) p[i] *= shrink;
    }
    adamKernel(p, g, m, v, lr, this.expDecayGradients, this.expDecaySquared, this.epsilon, 0, state.step);
  }
}
