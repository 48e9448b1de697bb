import { type MLArray, customOp } from '@smolml/core';
import { checkHasClassAxis, checkLabelSmoothing, checkPair, checkRange, readOptions } from './internal/check';
import { type LossOptions, reduce } from './reduction';

/** Options for {@link categoricalCrossEntropyWithLogits}. */
export interface CategoricalCrossEntropyWithLogitsOptions extends LossOptions {
  /** Mixes the labels with the uniform distribution: y ← y·(1 − s) + s/K for K classes. Default 0. */
  labelSmoothing?: number;
}

/**
 * Softmax and categorical cross-entropy in one step, from raw scores (logits) z:
 * `Lₙ = Σₖ yₙₖ·(logΣⱼ e^zₙⱼ − zₙₖ)` per sample, then the mean over samples. Equal to
 * `categoricalCrossEntropy(softmax(z), y)` but exact for any logits: it never forms a
 * probability, so nothing underflows to log 0 (logits of ±1e4 give finite losses and
 * gradients) and no clipping is needed. Classes on the last axis, any leading shape.
 *
 * This is the loss to train a classifier with: leave the last layer linear and pass
 * its output here. The gradient is simply `softmax(z)·Σₖyₖ − y` per sample (divided by
 * the number of samples for the mean). Fused for both reasons: the log-sum-exp must
 * subtract the row max to be stable, and it is the hot path of every classifier step
 * (one pass forward, one backward, instead of a chain of ten small ops). Same as
 * PyTorch's `cross_entropy` with probability targets and Keras's
 * `CategoricalCrossentropy(from_logits=True)`.
 *
 * @example
 * const logits = new MLArray([[2, 1, 0], [0, 3, 0]]);
 * const onehot = new MLArray([[1, 0, 0], [0, 1, 0]]);
 * categoricalCrossEntropyWithLogits(logits, onehot).item(); // 0.25126446043267053
 */
export function categoricalCrossEntropyWithLogits(logits: MLArray, yTrue: MLArray, options: CategoricalCrossEntropyWithLogitsOptions = {}): MLArray {
  return lossFromLogits('categoricalCrossEntropyWithLogits', logits, yTrue, options);
}

/**
 * {@link categoricalCrossEntropyWithLogits} under the name TensorFlow.js gives it, in
 * our (logits, labels) order: TensorFlow.js's `tf.losses.softmaxCrossEntropy(onehotLabels,
 * logits)` takes the labels first.
 *
 * @example
 * softmaxCrossEntropy(new MLArray([[2, 1, 0]]), new MLArray([[1, 0, 0]])).item(); // 0.4076059644443804
 */
export function softmaxCrossEntropy(logits: MLArray, yTrue: MLArray, options: CategoricalCrossEntropyWithLogitsOptions = {}): MLArray {
  return lossFromLogits('softmaxCrossEntropy', logits, yTrue, options);
}

function lossFromLogits(op: string, logits: MLArray, yTrue: MLArray, options: CategoricalCrossEntropyWithLogitsOptions): MLArray {
  checkPair(op, logits, yTrue);
  const reduction = readOptions(op, options, ['labelSmoothing']);
  checkRange(op, 'yTrue (target probabilities)', yTrue, 0, 1);
  return reduce(op, crossEntropyOfLogits(op, logits, yTrue, options.labelSmoothing), reduction, 'samples');
}

/**
 * @internal Per-sample cross-entropy of `softmax(logits)` against `yTrue` over the
 * last axis, as one op. With y′ = y(1 − s) + s/K, m the row max and S = Σⱼ e^(zⱼ − m):
 *   L = Σₖ y′ₖ·((m − zₖ) + log S)                (every term ≥ 0: no cancellation)
 *   ∂L/∂zₖ = softmaxₖ·Σⱼy′ⱼ − y′ₖ,   ∂L/∂yₖ = (1 − s)·((m − zₖ) + log S)
 */
export function crossEntropyOfLogits(op: string, logits: MLArray, yTrue: MLArray, smoothing = 0): MLArray {
  checkLabelSmoothing(op, smoothing);
  checkHasClassAxis(op, logits);
  const shape = logits.shape.slice(0, -1);
  const k = logits.shape[logits.ndim - 1];
  let rows = 1;
  for (const d of shape) rows *= d;
  const z = logits.data, y = yTrue.data;
  const keep = 1 - smoothing, spread = smoothing / k;
  // e^(z − m) and the row sums are kept for backward: softmax = e / S.
  const ez = new Float64Array(z.length), max = new Float64Array(rows), sum = new Float64Array(rows);
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    let m = -Infinity;
    for (let j = 0; j < k; j++) if (z[base + j] > m) m = z[base + j];
    let s = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(z[base + j] - m);
      ez[base + j] = e;
      s += e;
    }
    const logS = Math.log(s);
    let loss = 0;
    for (let j = 0; j < k; j++) {
      const t = y[base + j] * keep + spread;
      if (t !== 0) loss += t * (m - z[base + j] + logS); // skipping t = 0 keeps 0·∞ out for z = −∞
    }
    max[r] = m;
    sum[r] = s;
    out[r] = loss;
  }
  return customOp(op, [logits, yTrue], out, shape, (g, [gz, gy]) => {
    for (let r = 0; r < rows; r++) {
      const base = r * k, gr = g[r];
      if (gz !== null) {
        let total = 0;
        for (let j = 0; j < k; j++) total += y[base + j] * keep + spread;
        const scale = (gr * total) / sum[r];
        for (let j = 0; j < k; j++) gz[base + j] += scale * ez[base + j] - gr * (y[base + j] * keep + spread);
      }
      if (gy !== null) {
        const m = max[r], logS = Math.log(sum[r]);
        for (let j = 0; j < k; j++) gy[base + j] += gr * keep * (m - z[base + j] + logS);
      }
    }
  });
}
