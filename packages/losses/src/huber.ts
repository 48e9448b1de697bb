import { type MLArray, customOp, describeArg, allocate } from '@smolml/core';
import { checkPair, checkPositive, inDType, readOptions } from './internal/check';
import { huberBackF64, huberF64 } from './kernels/huber.f64';
import { huberBackF32, huberF32 } from './kernels/huber.f32';
import { type LossOptions, reduce } from './reduction';

/** Options for {@link huberLoss}. */
export interface HuberOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear; must be > 0. Default 1. */
  delta?: number;
}

/**
 * Huber loss, with e = ŷ − y: `½e²` where |e| ≤ δ, and `δ·(|e| − ½δ)` beyond, averaged
 * over all elements. Quadratic (like MSE) near the target, so steps shrink as the model
 * gets close; linear (like MAE) far from it, so outliers cannot dominate. The gradient
 * is e clipped to [−δ, δ].
 *
 * Call it as `huberLoss(yPred, yTrue, delta, options)` or with one options object,
 * `huberLoss(yPred, yTrue, { delta, reduction })`. Same definition as PyTorch's
 * `huber_loss` and Keras's `Huber`.
 *
 * @example
 * huberLoss(new MLArray([0.5, 3]), new MLArray([0, 0])).item();      // (0.125 + 2.5) / 2 = 1.3125
 * huberLoss(new MLArray([0.5, 3]), new MLArray([0, 0]), 2).item();   // (0.125 + 4) / 2 = 2.0625
 */
export function huberLoss(yPred: MLArray, yTrue: MLArray, delta?: number, options?: LossOptions): MLArray;
export function huberLoss(yPred: MLArray, yTrue: MLArray, options: HuberOptions): MLArray;
export function huberLoss(yPred: MLArray, yTrue: MLArray, deltaOrOptions: number | HuberOptions = 1, options: LossOptions = {}): MLArray {
  const op = 'huberLoss';
  checkPair(op, yPred, yTrue);
  let delta: unknown, reduction;
  if (typeof deltaOrOptions === 'number') {
    delta = deltaOrOptions;
    reduction = readOptions(op, options, []);
  } else if (deltaOrOptions !== null && typeof deltaOrOptions === 'object' && !Array.isArray(deltaOrOptions)) {
    reduction = readOptions(op, deltaOrOptions, ['delta']);
    delta = deltaOrOptions.delta ?? 1;
  } else {
    throw new TypeError(`${op}: the third argument must be delta (a number) or an options object, got ${describeArg(deltaOrOptions)}`);
  }
  checkPositive(op, 'delta', delta);
  // Fused, as PyTorch's huber_loss is: composing ½q² + δ(|e| − q) from core ops makes
  // the backward pass compute q + δ − δ, which cancels (for e = 1e-12 the gradient was
  // off by 9e-5 relative). Here the gradient is e clipped to [−δ, δ], exactly. The
  // difference promotes mixed dtypes; its buffer is the node's input, so nothing more is saved.
  const e = yPred.sub(yTrue);
  const d = inDType(e.dtype, delta);
  let losses: MLArray;
  if (e.dtype === 'float32') {
    const x = e.data as Float32Array, out = (allocate('float32', x.length) as Float32Array);
    huberF32(x, d, out);
    losses = customOp(op, [e], out, e.shape, (g, [ge]) => {
      if (ge !== null) huberBackF32(x, d, g as Float32Array, ge as Float32Array);
    }, { saved: [] });
  } else {
    const x = e.data as Float64Array, out = (allocate('float64', x.length) as Float64Array);
    huberF64(x, d, out);
    losses = customOp(op, [e], out, e.shape, (g, [ge]) => {
      if (ge !== null) huberBackF64(x, d, g as Float64Array, ge as Float64Array);
    }, { saved: [] });
  }
  return reduce(op, losses, reduction, 'elements');
}
