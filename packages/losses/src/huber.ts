import { type MLArray, customOp } from '@smolml/core';
import { checkPair, readOptions } from './internal/check';
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
  } else {
    reduction = readOptions(op, deltaOrOptions, ['delta']);
    delta = deltaOrOptions.delta ?? 1;
  }
  if (typeof delta !== 'number' || !(delta > 0 && delta < Infinity)) {
    throw new RangeError(`${op}: delta must be a finite number greater than 0, got ${String(delta)}`);
  }
  // Fused, as PyTorch's huber_loss is: composing ½q² + δ(|e| − q) from core ops makes
  // the backward pass compute q + δ − δ, which cancels (for e = 1e-12 the gradient was
  // off by 9e-5 relative). Here the gradient is e clipped to [−δ, δ], exactly.
  const e = yPred.sub(yTrue);
  const d = delta;
  const x = e.data, n = x.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = Math.abs(x[i]);
    out[i] = z < d ? 0.5 * z * z : d * (z - 0.5 * d);
  }
  const losses = customOp(op, [e], out, e.shape, (g, [ge]) => {
    if (ge === null) return;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      ge[i] += g[i] * (v < -d ? -d : v > d ? d : v);
    }
  });
  return reduce(op, losses, reduction, 'elements');
}
