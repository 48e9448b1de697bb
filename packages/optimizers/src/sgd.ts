import { checkKeys, nonNegative } from './check';
import { Optimizer, type ParameterState } from './optimizer';

/** Options of {@link SGD}. */
export interface SGDOptions {
  /** Step size α. Default 0.01. */
  learningRate?: number;
  /** L2 penalty λ, added to the gradient: g ← g + λθ. Default 0. */
  weightDecay?: number;
}

const KEYS = ['learningRate', 'weightDecay'] as const;

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
  protected readonly optionNames = KEYS;
  protected readonly bufferNames: readonly string[] = [];

  constructor(options: SGDOptions = {}) {
    super(options.learningRate ?? 0.01);
    checkKeys(this.name, options, KEYS);
    this.weightDecay = options.weightDecay ?? 0;
    this.validate();
  }

  protected override validate(): void {
    super.validate();
    nonNegative(this.name, 'weightDecay', this.weightDecay);
  }

  protected updateParameter(p: Float64Array, g: Float64Array, _state: ParameterState): void {
    const lr = this.learningRate;
    const wd = this.weightDecay;
    if (wd === 0) {
      for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
    } else {
      for (let i = 0; i < p.length; i++) p[i] -= lr * (g[i] + wd * p[i]);
    }
  }
}
