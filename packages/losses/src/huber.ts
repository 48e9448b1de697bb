import type { MLArray } from '@smolml/core';
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
  // With a = |e| and q = min(a, δ): ½q² + δ(a − q) is ½e² inside δ (exactly: a − q = 0)
  // and ½δ² + δ(|e| − δ) = δ(|e| − ½δ) outside. Composed from core ops without a branch.
  const a = yPred.sub(yTrue).abs();
  const q = a.minimum(delta);
  const losses = q.mul(q).mul(0.5).add(a.sub(q).mul(delta));
  return reduce(op, losses, reduction, 'elements');
}
