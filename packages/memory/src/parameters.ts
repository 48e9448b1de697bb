import { MLArray, describeArg } from '@smolml/core';
import type { NeuralNetworkLike, OptimizerLike, RegressionLike } from './models';
import { collectArrays } from './iterable-cap';

/** @internal One parameter array and where it lives in the model. */
export interface NamedParameter {
  /** Row label: the layer index for a network, `'regression'` for a regression. */
  group: string;
  role: 'weights' | 'biases' | 'bias';
  array: MLArray;
}

function fail(fn: string, what: string, expected: string, got: unknown): never {
  throw new TypeError(`${fn}: ${what} must be ${expected}, got ${describeArg(got)}`);
}

function isObject(x: unknown): x is object {
  return typeof x === 'object' && x !== null;
}

/** @internal The layers' weights and biases, validated. */
export function networkParameters(fn: string, model: NeuralNetworkLike): NamedParameter[] {
  if (!isObject(model)) fail(fn, 'model', 'a network object with a layers array', model);
  const layers = (model as { layers?: unknown }).layers;
  if (!Array.isArray(layers)) fail(fn, 'model.layers', 'an array of { weights, biases } layers', layers);
  const out: NamedParameter[] = [];
  // An indexed loop, not forEach: a hole in the list is an error, not a skipped layer.
  for (let i = 0; i < layers.length; i++) {
    const layer: unknown = layers[i];
    if (!isObject(layer)) fail(fn, `model.layers[${i}]`, 'an object with weights and biases', layer);
    const { weights, biases } = layer as { weights?: unknown; biases?: unknown };
    if (!(weights instanceof MLArray)) fail(fn, `model.layers[${i}].weights`, 'an MLArray', weights);
    if (!(biases instanceof MLArray)) fail(fn, `model.layers[${i}].biases`, 'an MLArray', biases);
    out.push({ group: String(i), role: 'weights', array: weights }, { group: String(i), role: 'biases', array: biases });
  }
  return out;
}

/** @internal A regression's weights and bias, validated. */
export function regressionParameters(fn: string, model: RegressionLike): NamedParameter[] {
  if (!isObject(model)) fail(fn, 'model', 'a regression object with weights and bias', model);
  const { weights, bias } = model as { weights?: unknown; bias?: unknown };
  if (!(weights instanceof MLArray)) fail(fn, 'model.weights', 'an MLArray', weights);
  if (!(bias instanceof MLArray)) fail(fn, 'model.bias', 'an MLArray', bias);
  return [
    { group: 'regression', role: 'weights', array: weights },
    { group: 'regression', role: 'bias', array: bias },
  ];
}

/** @internal Whether `model` looks like a network (has `layers`) rather than a regression. */
export function isNetwork(model: unknown): model is NeuralNetworkLike {
  return isObject(model) && 'layers' in model;
}

/**
 * @internal The optimizer's state arrays, or [] when there is no optimizer. At most
 * {@link ITERABLE_CAP} of them: an endless `stateArrays()` is a RangeError naming `fn`.
 */
export function optimizerStateArrays(fn: string, optimizer: unknown): MLArray[] {
  if (optimizer === undefined || optimizer === null) return [];
  if (!isObject(optimizer)) fail(fn, 'model.optimizer', 'an optimizer object with a stateArrays() method', optimizer);
  const stateArrays = (optimizer as Partial<OptimizerLike>).stateArrays;
  if (typeof stateArrays !== 'function') {
    throw new TypeError(`${fn}: model.optimizer has no stateArrays() method, so its state cannot be counted (every @smolml/optimizers optimizer has one)`);
  }
  return collectArrays(fn, 'model.optimizer.stateArrays()', stateArrays.call(optimizer));
}
