// The training side: one run's model, optimizer, schedule and batch-order generator,
// and an epoch of it (mini-batches with gradient clipping and a scheduled learning
// rate, then validation and the early-stopping bookkeeping).
import { MLArray, Rng, noGrad } from '@smolml/core';
import { softmaxCrossEntropy } from '@smolml/losses';
import { Adam, CosineAnnealingLR, LinearWarmup, clipGradNorm } from '@smolml/optimizers';
import type { Split } from './data';
import { Mlp, namedParameters } from './layers';

/** The run's settings: the same settings and seed give the same run, to the bit. */
export const CONFIG = {
  seed: 7,
  sizes: [2, 32, 32, 3],
  batch: 32,
  maxEpochs: 60,
  /** Epochs without a better validation loss before stopping. */
  patience: 5,
  learningRate: 0.01,
  warmupSteps: 30,
  /** The largest gradient norm a step may use (clipGradNorm). */
  maxGradNorm: 1,
} as const;

/** Where a run is, beyond its arrays: what a checkpoint must carry besides the weights. */
export interface Progress {
  /** Epochs finished. */
  epoch: number;
  bestEpoch: number;
  bestValLoss: number;
  /** Epochs since the best one. */
  badEpochs: number;
  stopped: boolean;
}

/** One epoch's numbers. */
export interface EpochLog {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number;
  learningRate: number;
  maxGradNorm: number;
  clipped: number;
  steps: number;
}

export const formatEpoch = (e: EpochLog): string =>
  `epoch ${String(e.epoch).padStart(2)} │ train ${e.trainLoss.toFixed(4)} │ val ${e.valLoss.toFixed(4)} acc ${e.valAccuracy.toFixed(3)}` +
  ` │ lr ${e.learningRate.toExponential(2)} │ grad norm ≤ ${e.maxGradNorm.toFixed(2)}, ${e.clipped}/${e.steps} clipped`;

/** Loss and accuracy of `model` on a split, without recording a graph. */
export function evaluate(model: Mlp, split: Split): { loss: number; accuracy: number } {
  return noGrad(() => {
    const logits = model.forward(split.x);
    const predicted = logits.argmax(1).data;
    let right = 0;
    for (let i = 0; i < split.count; i++) if (predicted[i] === split.labels[i]) right++;
    return { loss: softmaxCrossEntropy(logits, split.y).item(), accuracy: right / split.count };
  });
}

/** Everything one training run holds. */
export class Run {
  readonly model: Mlp;
  /** The model's trainable arrays by name: the optimizer's and the checkpoint's list. */
  readonly params: [string, MLArray][];
  /** The weights of the best epoch so far (copies, not trained). */
  readonly best: MLArray[];
  readonly optimizer: Adam;
  readonly schedule: LinearWarmup;
  /** Draws the batch order; its state is saved so a resumed run draws the same batches. */
  readonly batchRng: Rng;
  progress: Progress = { epoch: 0, bestEpoch: 0, bestValLoss: Infinity, badEpochs: 0, stopped: false };

  /** A new run: weights drawn from `seed`, the batch order from `seed + 1`. */
  constructor(readonly train: Split, readonly val: Split, seed: number = CONFIG.seed) {
    this.model = new Mlp(CONFIG.sizes, new Rng(seed));
    this.params = namedParameters(this.model);
    this.best = this.params.map(([, p]) => MLArray.from(p.data, p.shape, { requiresGrad: false }));
    this.optimizer = new Adam({ learningRate: CONFIG.learningRate });
    const stepsPerEpoch = Math.ceil(train.count / CONFIG.batch);
    // Linear warm-up, then a cosine down to 0 at the last step the epoch budget allows.
    this.schedule = new LinearWarmup(new CosineAnnealingLR(this.optimizer, { tMax: CONFIG.maxEpochs * stepsPerEpoch - CONFIG.warmupSteps }), {
      warmupSteps: CONFIG.warmupSteps,
    });
    this.batchRng = new Rng(seed + 1);
  }

  /** One epoch: shuffled mini-batches, each step clipped and scheduled; then validation and early stopping. */
  epoch(): EpochLog {
    const params = this.params.map(([, p]) => p);
    const order = this.batchRng.shuffle(Uint32Array.from({ length: this.train.count }, (_, i) => i));
    let lossSum = 0, maxNorm = 0, clipped = 0, steps = 0;
    for (let from = 0; from < this.train.count; from += CONFIG.batch) {
      const idx = order.subarray(from, Math.min(from + CONFIG.batch, this.train.count));
      const loss = softmaxCrossEntropy(this.model.forward(this.train.x.take(idx)), this.train.y.take(idx));
      loss.backward();
      const norm = clipGradNorm(params, CONFIG.maxGradNorm); // the norm before clipping
      this.optimizer.step(params);
      this.optimizer.zeroGrad(params);
      this.schedule.step();
      lossSum += loss.item() * idx.length;
      maxNorm = Math.max(maxNorm, norm);
      if (norm > CONFIG.maxGradNorm) clipped++;
      steps++;
    }
    const p = this.progress;
    p.epoch++;
    const v = evaluate(this.model, this.val);
    if (v.loss < p.bestValLoss) {
      Object.assign(p, { bestEpoch: p.epoch, bestValLoss: v.loss, badEpochs: 0 });
      this.best.forEach((b, i) => b.assign(params[i]));
    } else if (++p.badEpochs >= CONFIG.patience) {
      p.stopped = true;
    }
    if (p.epoch >= CONFIG.maxEpochs) p.stopped = true;
    return {
      epoch: p.epoch, trainLoss: lossSum / this.train.count, valLoss: v.loss, valAccuracy: v.accuracy,
      learningRate: this.optimizer.learningRate, maxGradNorm: maxNorm, clipped, steps,
    };
  }

  /** Epochs until early stopping, the budget, or `untilEpoch` (the run can go on later). */
  trainUntil(untilEpoch: number, onEpoch: (log: EpochLog) => void): void {
    while (!this.progress.stopped && this.progress.epoch < untilEpoch) onEpoch(this.epoch());
  }

  /** Puts the best epoch's weights into the model. */
  restoreBest(): void {
    this.params.forEach(([, p], i) => p.assign(this.best[i]));
  }
}
