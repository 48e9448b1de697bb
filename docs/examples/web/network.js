// @ts-check
// The demo's network, 784 → hidden (ReLU) → 10, built exactly as the CLI demo's
// Dense/Sequential (src/model): He-initialised weights drawn from one seeded Rng, layer by
// layer, zero biases, a linear last layer whose logits go to softmax cross-entropy. The
// worker trains it; the page rebuilds it from the safetensors bytes the worker sends,
// since a structured clone of an MLArray arrives as a plain object without its methods.
import { MLArray, fromSafetensors, noGrad, toSafetensors, zeros } from '@smolml/core';
import { relu, softmax } from '@smolml/activations';
import { HeInitialization } from '@smolml/initializers';

/** @typedef {{ weights: MLArray, biases: MLArray }} Layer */

/**
 * Draws the layers of a `sizes[0] → … → sizes[n]` network from `rng`, first layer first.
 *
 * @param {readonly number[]} sizes e.g. [784, 128, 10]
 * @param {import('@smolml/core').Rng} rng
 * @returns {Layer[]}
 * @example buildLayers([784, 128, 10], new Rng(0)).map((l) => l.weights.shape); // [[784, 128], [128, 10]]
 */
export function buildLayers(sizes, rng) {
  const layers = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push({ weights: HeInitialization.initialize([sizes[i], sizes[i + 1]], { rng }), biases: zeros([1, sizes[i + 1]]) });
  }
  return layers;
}

/**
 * The logits for a batch `x` of shape (batch, 784): ReLU(x·W + b) between layers, none
 * after the last.
 *
 * @param {readonly Layer[]} layers
 * @param {MLArray} x
 * @returns {MLArray}
 */
export function forward(layers, x) {
  let h = x;
  layers.forEach((layer, i) => {
    h = h.matmul(layer.weights).add(layer.biases);
    if (i + 1 < layers.length) h = relu(h);
  });
  return h;
}

/** @param {readonly Layer[]} layers @returns {MLArray[]} every trainable array, layer by layer */
export const parameters = (layers) => layers.flatMap((l) => [l.weights, l.biases]);

/**
 * The layers as safetensors bytes, named `layers.<i>.weights` / `layers.<i>.biases`.
 *
 * @param {readonly Layer[]} layers
 * @param {Record<string, string>} [metadata]
 * @returns {Uint8Array}
 */
export function layersToBytes(layers, metadata) {
  /** @type {Record<string, MLArray>} */
  const tensors = {};
  layers.forEach((l, i) => {
    tensors[`layers.${i}.weights`] = l.weights;
    tensors[`layers.${i}.biases`] = l.biases;
  });
  return toSafetensors(tensors, metadata);
}

/**
 * The layers (and metadata) back from {@link layersToBytes}.
 *
 * @param {Uint8Array} bytes
 * @returns {{ layers: Layer[], metadata: Record<string, string> }}
 */
export function layersFromBytes(bytes) {
  const { tensors, metadata } = fromSafetensors(bytes);
  const layers = [];
  for (let i = 0; `layers.${i}.weights` in tensors; i++) {
    layers.push({ weights: tensors[`layers.${i}.weights`], biases: tensors[`layers.${i}.biases`] });
  }
  if (layers.length === 0) throw new TypeError('layersFromBytes: the file holds no layers.0.weights');
  return { layers, metadata };
}

/**
 * The ten class probabilities for one 28×28 image (784 values in [0, 1]).
 *
 * @param {readonly Layer[]} layers
 * @param {Float64Array} image
 * @returns {Float64Array}
 */
export function classify(layers, image) {
  return noGrad(() => {
    const x = MLArray.from(image, [1, image.length], { requiresGrad: false });
    return Float64Array.from(softmax(forward(layers, x)).data);
  });
}
