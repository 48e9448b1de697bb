import { describeArg } from '@smolml/core';
/** The nonlinearities {@link calculateGain} knows. */
export type GainNonlinearity = 'linear' | 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'selu';

const GAINS: Record<string, (slope: number) => number> = {
  linear: () => 1,
  identity: () => 1,
  sigmoid: () => 1,
  tanh: () => 5 / 3,
  relu: () => Math.SQRT2,
  leakyrelu: (slope) => Math.sqrt(2 / (1 + slope * slope)),
  selu: () => 3 / 4,
};

/**
 * The recommended `gain` for a nonlinearity, the same values as PyTorch's
 * `torch.nn.init.calculate_gain`: 1 for linear and sigmoid, 5/3 for tanh, √2 for relu,
 * √(2 / (1 + slope²)) for leakyRelu (slope 0.01 by default), 3/4 for selu. Names are
 * matched ignoring case, `_` and `-` (`'leaky_relu'` works).
 *
 * Note that {@link HeInitialization} already contains the ReLU factor √2; the gain is
 * meant for the Xavier, LeCun and Orthogonal initializers.
 *
 * @example
 * XavierUniform.initialize([256, 256], { gain: calculateGain('tanh') });
 */
export function calculateGain(nonlinearity: GainNonlinearity | (string & {}), slope = 0.01): number {
  if (typeof nonlinearity !== 'string') throw new TypeError(`calculateGain: the nonlinearity must be a string such as 'relu', got ${describeArg(nonlinearity)}`);
  if (typeof slope !== 'number') throw new TypeError(`calculateGain: slope must be a number, got ${describeArg(slope)}`);
  const key = nonlinearity.replace(/[_-]/g, '').toLowerCase();
  const gain = Object.prototype.hasOwnProperty.call(GAINS, key) ? GAINS[key] : undefined;
  if (gain === undefined) {
    throw new RangeError(`calculateGain: unknown nonlinearity '${nonlinearity}'; expected one of linear, identity, sigmoid, tanh, relu, leakyRelu, selu`);
  }
  if (!Number.isFinite(slope)) throw new RangeError(`calculateGain: slope must be a finite number, got ${slope}`);
  return gain(slope);
}
