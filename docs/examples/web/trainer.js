// @ts-check
/* global performance */
// The training run of the CLI demo (trainMnist in src/mnist/train.ts), step for step, so
// the page reaches the same numbers: one Rng(seed) draws the weights and then shuffles
// the training order each epoch; mini-batches of one-hot labels; softmax cross-entropy;
// Adam; the test set scored after every epoch in chunks of 1,000 without a graph.
import { MLArray, Rng, noGrad } from '@smolml/core';
import { softmaxCrossEntropy } from '@smolml/losses';
import { Adam } from '@smolml/optimizers';
import { CLASSES, PIXELS } from './digits.js';
import { buildLayers, forward, parameters } from './network.js';

/** @typedef {import('./digits.js').Digits} Digits */
/** @typedef {import('./network.js').Layer} Layer */
/**
 * @typedef {{ epochs: number, hidden: number, learningRate: number, seed: number, batchSize: number }} TrainConfig
 * @typedef {{ epoch: number, step: number, seen: number, total: number, loss: number, accuracy: number }} BatchReport
 *   `loss` and `accuracy` are this batch's; `seen` counts this epoch's samples so far.
 * @typedef {{ epoch: number, trainLoss: number, trainAccuracy: number, testLoss: number, testAccuracy: number, seconds: number }} EpochReport
 * @typedef {{ layers: Layer[], optimizer: Adam }} Model
 */

/**
 * Copies samples `order[from..to)` into a batch of images and one-hot labels.
 * @param {Digits} set @param {Uint32Array} order @param {number} from @param {number} to
 */
function batchOf(set, order, from, to) {
  const n = to - from;
  const x = new Float64Array(n * PIXELS);
  const y = new Float64Array(n * CLASSES);
  for (let i = 0; i < n; i++) {
    const j = order[from + i];
    x.set(set.images.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    y[i * CLASSES + set.labels[j]] = 1;
  }
  return {
    x: MLArray.from(x, [n, PIXELS], { requiresGrad: false }),
    y: MLArray.from(y, [n, CLASSES], { requiresGrad: false }),
  };
}

/** @param {import('@smolml/core').FloatArray} data @param {number} offset the index of the largest of 10 values */
function argmaxRow(data, offset) {
  let best = 0;
  for (let c = 1; c < CLASSES; c++) if (data[offset + c] > data[offset + best]) best = c;
  return best;
}

/**
 * Mean loss and accuracy of `layers` on `set`, in chunks, without recording a graph.
 * @param {readonly Layer[]} layers @param {Digits} set
 */
export function evaluate(layers, set, chunk = 1000) {
  const order = Uint32Array.from({ length: set.count }, (_, i) => i);
  let lossSum = 0, right = 0;
  for (let from = 0; from < set.count; from += chunk) {
    const to = Math.min(from + chunk, set.count);
    const { x, y } = batchOf(set, order, from, to);
    noGrad(() => {
      const out = forward(layers, x);
      lossSum += softmaxCrossEntropy(out, y).item() * (to - from);
      for (let i = 0; i < to - from; i++) if (argmaxRow(out.data, i * CLASSES) === set.labels[from + i]) right++;
    });
  }
  return { loss: lossSum / set.count, accuracy: right / set.count };
}

/**
 * Trains a fresh 784 → hidden → 10 network on `train`, scoring it on `test` after each
 * epoch. Synchronous: run it in a worker. The same config gives the same numbers as
 * `npm run demo` with its defaults.
 *
 * @param {Digits} train
 * @param {Digits} test
 * @param {TrainConfig} config
 * @param {{ onBatch?: (r: BatchReport, model: Model) => void, onEpoch?: (r: EpochReport, model: Model) => void }} [hooks]
 * @returns {Model}
 * @example train(train, test, { epochs: 6, hidden: 128, learningRate: 0.002, seed: 0, batchSize: 64 }, { onEpoch: (r) => console.log(r.testAccuracy) });
 */
export function train(train, test, config, hooks = {}) {
  const rng = new Rng(config.seed);
  const model = { layers: buildLayers([PIXELS, config.hidden, CLASSES], rng), optimizer: new Adam({ learningRate: config.learningRate }) };
  const params = parameters(model.layers);
  const order = Uint32Array.from({ length: train.count }, (_, i) => i);
  let step = 0;
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const started = performance.now();
    rng.shuffle(order);
    let lossSum = 0, right = 0;
    for (let from = 0; from < train.count; from += config.batchSize) {
      const to = Math.min(from + config.batchSize, train.count);
      const { x, y } = batchOf(train, order, from, to);
      const output = forward(model.layers, x);
      const loss = softmaxCrossEntropy(output, y);
      loss.backward();
      model.optimizer.step(params);
      model.optimizer.zeroGrad(params);
      const batchLoss = loss.item();
      let batchRight = 0;
      for (let i = 0; i < to - from; i++) if (argmaxRow(output.data, i * CLASSES) === train.labels[order[from + i]]) batchRight++;
      lossSum += batchLoss * (to - from);
      right += batchRight;
      step++;
      hooks.onBatch?.({ epoch, step, seen: to, total: train.count, loss: batchLoss, accuracy: batchRight / (to - from) }, model);
    }
    const scored = evaluate(model.layers, test);
    hooks.onEpoch?.(
      {
        epoch,
        trainLoss: lossSum / train.count,
        trainAccuracy: right / train.count,
        testLoss: scored.loss,
        testAccuracy: scored.accuracy,
        seconds: (performance.now() - started) / 1000,
      },
      model,
    );
  }
  return model;
}
