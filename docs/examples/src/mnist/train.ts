import { type DType, MLArray, Rng, arange, noGrad, oneHot } from '@smolml/core';
import { relu } from '@smolml/activations';
import { HeInitialization } from '@smolml/initializers';
import { softmaxCrossEntropy } from '@smolml/losses';
import { AdaGrad, Adam, AdamW, type Optimizer, RMSProp, SGD, SGDMomentum } from '@smolml/optimizers';
import { Dense } from '../model/dense';
import { Sequential } from '../model/sequential';
import { CLASSES, type Digits, PIXELS } from './data';

/** The six optimizers of @smolml/optimizers, by their command-line names. */
export const OPTIMIZERS = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The number types a run can train in. */
export const DTYPES = ['float64', 'float32'] as const satisfies readonly DType[];

/** The knobs of a training run. */
export interface TrainOptions {
  epochs: number;
  hidden: number;
  learningRate: number;
  optimizer: OptimizerName;
  seed: number;
  batchSize: number;
  /** The dtype of the weights, gradients, optimizer state and batches. */
  dtype: DType;
}

/**
 * A learning rate that works for each optimizer on this problem in a few epochs.
 * Plain SGD needs much larger steps than Adam, whose steps are already normalised.
 */
export const DEFAULT_LEARNING_RATES: Record<OptimizerName, number> = {
  sgd: 0.5,
  momentum: 0.05,
  adagrad: 0.05,
  rmsprop: 0.001,
  adam: 0.002,
  adamw: 0.002,
};

export const DEFAULTS: TrainOptions = {
  epochs: 6,
  hidden: 128,
  learningRate: DEFAULT_LEARNING_RATES.adam,
  optimizer: 'adam',
  seed: 0,
  batchSize: 64,
  dtype: 'float64',
};

export function makeOptimizer(name: OptimizerName, learningRate: number): Optimizer {
  switch (name) {
    case 'sgd': return new SGD({ learningRate });
    case 'momentum': return new SGDMomentum({ learningRate });
    case 'adagrad': return new AdaGrad({ learningRate });
    case 'rmsprop': return new RMSProp({ learningRate });
    case 'adam': return new Adam({ learningRate });
    case 'adamw': return new AdamW({ learningRate });
  }
}

/**
 * 784 → hidden (ReLU) → 10. The last layer is linear: it gives logits, and the loss
 * applies softmax and cross-entropy in one numerically stable step.
 */
export function buildModel(options: TrainOptions, rng: Rng): Sequential {
  return new Sequential(
    [
      new Dense(PIXELS, options.hidden, { activation: relu, initializer: HeInitialization, rng, dtype: options.dtype }),
      new Dense(options.hidden, CLASSES, { rng, dtype: options.dtype }),
    ],
    softmaxCrossEntropy,
    makeOptimizer(options.optimizer, options.learningRate),
  );
}

/** How a run is going, reported after every batch. */
export interface BatchProgress {
  epoch: number;
  /** Samples seen so far in this epoch. */
  seen: number;
  total: number;
  /** Mean training loss over this epoch's batches so far. */
  loss: number;
  seconds: number;
}

/** One epoch's numbers. */
export interface EpochStats {
  epoch: number;
  trainLoss: number;
  /** Accuracy on the training batches as they were seen (before each update). */
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  seconds: number;
  samplesPerSecond: number;
}

export interface TrainHooks {
  onBatch?(progress: BatchProgress): void;
  onEpoch?(stats: EpochStats): void;
}

export interface TrainResult {
  model: Sequential;
  history: EpochStats[];
  /** Predicted class of each test digit after the last epoch. */
  predictions: Uint8Array;
  testAccuracy: number;
}

/** A digit set as arrays in `dtype`: images [count, 784], one-hot targets [count, 10] and class labels [count]. */
interface ArraySet {
  images: MLArray;
  targets: MLArray;
  labels: MLArray;
}

const arraySets = new WeakMap<Digits, Map<DType, ArraySet>>();

/** `set` as data arrays (made once per set and dtype): batches are then `take`n from them. */
function arraysOf(set: Digits, dtype: DType): ArraySet {
  let byDType = arraySets.get(set);
  if (byDType === undefined) arraySets.set(set, (byDType = new Map()));
  let a = byDType.get(dtype);
  if (a === undefined) {
    const labels = MLArray.from(set.labels, [set.count], { requiresGrad: false });
    a = {
      images: MLArray.from(set.images, [set.count, PIXELS], { requiresGrad: false, dtype }),
      targets: oneHot(labels, CLASSES, { dtype }),
      labels,
    };
    byDType.set(dtype, a);
  }
  return a;
}

/** How many rows of `output` have their largest score at the row's label: argmax, eq, sum. */
function correct(output: MLArray, labels: MLArray): number {
  return noGrad(() => output.argmax(1).eq(labels).sum().item());
}

/** Mean loss, accuracy and the predicted classes on `set`, without recording a graph. */
export function evaluate(model: Sequential, set: Digits, chunk = 1000, dtype: DType = model.layers[0].weights.dtype): { loss: number; accuracy: number; predictions: Uint8Array } {
  const { images, targets, labels } = arraysOf(set, dtype);
  const predictions = new Uint8Array(set.count);
  let lossSum = 0, right = 0;
  for (let from = 0; from < set.count; from += chunk) {
    const to = Math.min(from + chunk, set.count);
    const rows = arange(from, to);
    noGrad(() => {
      const out = model.forward(images.take(rows, 0));
      lossSum += model.lossFunction(out, targets.take(rows, 0)).item() * (to - from);
      const predicted = out.argmax(1);
      predictions.set(predicted.data, from);
      right += predicted.eq(labels.take(rows, 0)).sum().item();
    });
  }
  return { loss: lossSum / set.count, accuracy: right / set.count, predictions };
}

/**
 * Trains a fresh model on `train` with mini-batches in a seeded random order and
 * scores it on `test` after every epoch. The same options give the same numbers.
 */
export function trainMnist(train: Digits, test: Digits, options: TrainOptions, hooks: TrainHooks = {}): TrainResult {
  const rng = new Rng(options.seed);
  const model = buildModel(options, rng);
  const history: EpochStats[] = [];
  const order = Uint32Array.from({ length: train.count }, (_, i) => i);
  const arrays = arraysOf(train, options.dtype);
  let predictions: Uint8Array = new Uint8Array(0);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const started = performance.now();
    rng.shuffle(order);
    let lossSum = 0, right = 0;
    for (let from = 0; from < train.count; from += options.batchSize) {
      const to = Math.min(from + options.batchSize, train.count);
      const batch = order.subarray(from, to);
      const { loss, output } = model.trainStep(arrays.images.take(batch, 0), arrays.targets.take(batch, 0));
      lossSum += loss * (to - from);
      right += correct(output, arrays.labels.take(batch, 0));
      hooks.onBatch?.({ epoch, seen: to, total: train.count, loss: lossSum / to, seconds: (performance.now() - started) / 1000 });
    }
    const trainSeconds = (performance.now() - started) / 1000;
    const scored = evaluate(model, test);
    predictions = scored.predictions;
    const stats: EpochStats = {
      epoch,
      trainLoss: lossSum / train.count,
      trainAccuracy: right / train.count,
      testLoss: scored.loss,
      testAccuracy: scored.accuracy,
      seconds: (performance.now() - started) / 1000,
      samplesPerSecond: train.count / trainSeconds,
    };
    history.push(stats);
    hooks.onEpoch?.(stats);
  }
  return { model, history, predictions, testAccuracy: history.length > 0 ? history[history.length - 1].testAccuracy : NaN };
}

/** The model's parameters by PyTorch-style names: `layers.0.weight`, `layers.0.bias`, … */
export function namedWeights(model: Sequential): Record<string, MLArray> {
  const out: Record<string, MLArray> = {};
  model.layers.forEach((layer, i) => {
    out[`layers.${i}.weight`] = layer.weights;
    out[`layers.${i}.bias`] = layer.biases;
  });
  return out;
}

/** counts[t][p]: how many test digits of class t were predicted as p. */
export function confusionMatrix(labels: Uint8Array, predictions: Uint8Array): number[][] {
  const counts = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
  for (let i = 0; i < labels.length; i++) counts[labels[i]][predictions[i]]++;
  return counts;
}
