import { type MLArray, customOp, allocate } from '@smolml/core';
import { checkHasClassAxis, checkLabelSmoothing, checkPair, checkRange, inDType, promotePair, readOptions } from './internal/check';
import {
  crossEntropyLogitsBackLogitsF64, crossEntropyLogitsBackTargetsF64, crossEntropyLogitsF64,
} from './kernels/cross-entropy-logits.f64';
import {
  crossEntropyLogitsBackLogitsF32, crossEntropyLogitsBackTargetsF32, crossEntropyLogitsF32,
} from './kernels/cross-entropy-logits.f32';
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
 * the number of samples for the mean). Fused because it is the hot path of every
 * classifier step: one pass forward, one backward. Composed from core's `logsumexp`,
 * as `Σₖ yₖ·(logsumexp(z) − zₖ)`, it measured 2.3–2.8× slower forward and backward
 * (batches of [64, 10] and [256, 1000], both dtypes; bench/cross-entropy.cjs), and its
 * `logsumexp(z) − zₖ` loses the relative precision of a tiny loss next to huge logits
 * that `(m − zₖ) + log S` keeps. Same as PyTorch's `cross_entropy` with probability
 * targets and Keras's `CategoricalCrossentropy(from_logits=True)`.
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
  const [z, y] = promotePair(logits, yTrue);
  return reduce(op, crossEntropyOfLogits(op, z, y, options.labelSmoothing), reduction, 'samples');
}

/**
 * @internal Per-sample cross-entropy of `softmax(logits)` against `yTrue` over the last
 * axis, as one op (formulas in kernels/cross-entropy-logits.f64.ts). `yTrue` has the
 * logits' shape and dtype. Backward keeps e^(z − m) and each row's m and S, declared as
 * saved buffers so @smolml/memory counts them.
 */
export function crossEntropyOfLogits(op: string, logits: MLArray, yTrue: MLArray, smoothing: unknown = 0): MLArray {
  checkLabelSmoothing(op, smoothing);
  checkHasClassAxis(op, logits);
  const shape = logits.shape.slice(0, -1);
  const k = logits.shape[logits.ndim - 1];
  let rows = 1;
  for (const d of shape) rows *= d;
  const keep = inDType(logits.dtype, 1 - smoothing), spread = inDType(logits.dtype, smoothing / k);
  if (logits.dtype === 'float32') {
    const z = logits.data as Float32Array, y = yTrue.data as Float32Array;
    const ez = (allocate('float32', z.length) as Float32Array), max = (allocate('float32', rows) as Float32Array), sum = (allocate('float32', rows) as Float32Array), out = (allocate('float32', rows) as Float32Array);
    crossEntropyLogitsF32(z, y, keep, spread, rows, k, ez, max, sum, out);
    return customOp(op, [logits, yTrue], out, shape, (g, [gz, gy]) => {
      if (gz !== null) crossEntropyLogitsBackLogitsF32(y, keep, spread, rows, k, ez, sum, g as Float32Array, gz as Float32Array);
      if (gy !== null) crossEntropyLogitsBackTargetsF32(z, keep, rows, k, max, sum, g as Float32Array, gy as Float32Array);
    }, { saved: [ez, max, sum] });
  }
  const z = logits.data as Float64Array, y = yTrue.data as Float64Array;
  const ez = (allocate('float64', z.length) as Float64Array), max = (allocate('float64', rows) as Float64Array), sum = (allocate('float64', rows) as Float64Array), out = (allocate('float64', rows) as Float64Array);
  crossEntropyLogitsF64(z, y, keep, spread, rows, k, ez, max, sum, out);
  return customOp(op, [logits, yTrue], out, shape, (g, [gz, gy]) => {
    if (gz !== null) crossEntropyLogitsBackLogitsF64(y, keep, spread, rows, k, ez, sum, g as Float64Array, gz as Float64Array);
    if (gy !== null) crossEntropyLogitsBackTargetsF64(z, keep, rows, k, max, sum, g as Float64Array, gy as Float64Array);
  }, { saved: [ez, max, sum] });
}
