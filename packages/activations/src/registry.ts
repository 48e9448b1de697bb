import { type MLArray, describeArg } from '@smolml/core';
import { elu } from './elu';
import { checkGeluApproximation, gelu, type GeluApproximation } from './gelu';
import { hardSigmoid } from './hard-sigmoid';
import { checkFinite, checkInteger } from './internal/check';
import { leakyRelu } from './leaky-relu';
import { linear } from './linear';
import { logSoftmax } from './log-softmax';
import { mish } from './mish';
import { relu } from './relu';
import { relu6 } from './relu6';
import { selu } from './selu';
import { sigmoid } from './sigmoid';
import { silu, swish } from './silu';
import { softmax } from './softmax';
import { checkSoftplusOptions, softplus } from './softplus';
import { tanh } from './tanh';

/** An activation as a layer applies it: an array in, an array of the same shape out. */
export type Activation = (x: MLArray) => MLArray;

/**
 * Parameters for {@link getActivation}; each activation accepts only its own
 * (`alpha` for leakyRelu and elu, `axis` for softmax and logSoftmax, `approximate`
 * for gelu, `beta` and `threshold` for softplus). Omitted ones take the function's default.
 */
export interface ActivationOptions {
  alpha?: number;
  axis?: number;
  approximate?: GeluApproximation;
  beta?: number;
  threshold?: number;
}

type OptionName = keyof ActivationOptions;

interface Entry {
  accepts: readonly OptionName[];
  make(o: ActivationOptions): Activation;
}

const checkAlpha = (op: string, o: ActivationOptions): void => {
  if (o.alpha !== undefined) checkFinite(op, 'alpha', o.alpha);
};
const checkAxis = (op: string, o: ActivationOptions): void => {
  if (o.axis !== undefined) checkInteger(op, 'axis', o.axis);
};

const ENTRIES = {
  relu: { accepts: [], make: () => relu },
  leakyRelu: {
    accepts: ['alpha'],
    make: (o) => { checkAlpha('leakyRelu', o); return (x) => leakyRelu(x, o.alpha); },
  },
  elu: {
    accepts: ['alpha'],
    make: (o) => { checkAlpha('elu', o); return (x) => elu(x, o.alpha); },
  },
  sigmoid: { accepts: [], make: () => sigmoid },
  softmax: {
    accepts: ['axis'],
    make: (o) => { checkAxis('softmax', o); return (x) => softmax(x, o.axis); },
  },
  tanh: { accepts: [], make: () => tanh },
  linear: { accepts: [], make: () => linear },
  logSoftmax: {
    accepts: ['axis'],
    make: (o) => { checkAxis('logSoftmax', o); return (x) => logSoftmax(x, o.axis); },
  },
  gelu: {
    accepts: ['approximate'],
    make: (o) => {
      if (o.approximate !== undefined) checkGeluApproximation(o.approximate);
      return (x) => gelu(x, o.approximate);
    },
  },
  silu: { accepts: [], make: () => silu },
  swish: { accepts: [], make: () => swish },
  softplus: {
    accepts: ['beta', 'threshold'],
    make: (o) => {
      checkSoftplusOptions(o.beta ?? 1, o.threshold ?? 20);
      return (x) => softplus(x, o.beta, o.threshold);
    },
  },
  relu6: { accepts: [], make: () => relu6 },
  hardSigmoid: { accepts: [], make: () => hardSigmoid },
  selu: { accepts: [], make: () => selu },
  mish: { accepts: [], make: () => mish },
} satisfies Record<string, Entry>;

/** The name of an activation in the registry (see {@link activationNames}). */
export type ActivationName = keyof typeof ENTRIES;

/** Every name {@link getActivation} knows, in a stable order (the original seven first). */
export const activationNames: readonly ActivationName[] = Object.freeze(Object.keys(ENTRIES) as ActivationName[]);

// Lookup key: case and separators ignored, so 'leaky_relu' (the original SmolML and
// Keras spelling), 'LeakyReLU' and 'leakyRelu' all find the same entry.
const fold = (name: string): string => name.toLowerCase().replace(/[_\- ]/g, '');
const BY_KEY = new Map<string, ActivationName>(activationNames.map((n) => [fold(n), n]));

/**
 * The activation called `name`, with `options` bound, for models configured from data
 * (JSON). Names are matched ignoring case and `_`/`-`, so the original SmolML's
 * `'leaky_relu'` works too. An unknown name, or an option the activation does not
 * take, throws a RangeError that lists the valid choices.
 *
 * @example
 * const act = getActivation('leakyRelu', { alpha: 0.2 });
 * act(new MLArray([-1, 1])).toList(); // [-0.2, 1]
 * getActivation('leaky_relu');        // the same function, default alpha 0.01
 */
export function getActivation(name: string, options: ActivationOptions = {}): Activation {
  if (typeof name !== 'string') throw new TypeError(`getActivation: name must be a string, got ${describeArg(name)}`);
  const canonical = BY_KEY.get(fold(name));
  if (canonical === undefined) {
    throw new RangeError(`getActivation: unknown activation ${JSON.stringify(name)}; expected one of ${activationNames.join(', ')} (case and '_' are ignored)`);
  }
  const entry: Entry = ENTRIES[canonical];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`getActivation: options must be an object, got ${describeArg(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(entry.accepts as readonly string[]).includes(key)) {
      const takes = entry.accepts.length === 0 ? 'takes no options' : `accepts only ${entry.accepts.join(', ')}`;
      throw new RangeError(`getActivation: '${canonical}' ${takes}, got option '${key}'`);
    }
  }
  return entry.make(options);
}
