import { checkKeys, decayRate, flag, nonNegative } from './check';
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

const KEYS = ['learningRate', 'momentumCoefficient', 'nesterov', 'weightDecay'] as const;

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
  protected readonly optionNames = KEYS;
  protected readonly bufferNames: readonly string[] = ['velocity'];

  constructor(options: SGDMomentumOptions = {}) {
    super(options.learningRate ?? 0.01);
    checkKeys(this.name, options, KEYS);
    this.momentumCoefficient = options.momentumCoefficient ?? 0.9;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    this.validate();
  }

  protected override validate(): void {
    super.validate();
    decayRate(this.name, 'momentumCoefficient', this.momentumCoefficient);
    flag(this.name, 'nesterov', this.nesterov);
    nonNegative(this.name, 'weightDecay', this.weightDecay);
  }

  protected updateParameter(p: Float64Array, g: Float64Array, state: ParameterState): void {
    const v = this.buffer(state, 'velocity');
    const lr = this.learningRate;
    const beta = this.momentumCoefficient;
    const wd = this.weightDecay;
    const nesterov = this.nesterov;
    for (let i = 0; i < p.length; i++) {
      const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
      const vi = beta * v[i] + lr * gi;
      v[i] = vi;
      p[i] -= nesterov ? beta * vi + lr * gi : vi;
    }
  }
}
