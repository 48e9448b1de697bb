// Backpropagated gradients against central finite differences (core's gradCheck), with
// respect to both arguments, for every loss and option.
import { MLArray, Rng, gradCheck } from '@smolml/core';
import {
  binaryCrossEntropy, binaryCrossEntropyWithLogits, categoricalCrossEntropy, categoricalCrossEntropyWithLogits,
  cosineSimilarityLoss, hingeLoss, huberLoss, klDivergence, maeLoss, mseLoss, softmaxCrossEntropy,
  sparseCategoricalCrossEntropy,
} from '../src';

const rng = new Rng(7);
const fill = (shape: number[], f: () => number): MLArray => {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = f();
  return MLArray.from(d, shape);
};
const normal = (shape: number[], s = 1): MLArray => fill(shape, () => rng.normal(0, s));
const uniform = (shape: number[], lo: number, hi: number): MLArray => fill(shape, () => rng.uniform(lo, hi));
// Rows of positive numbers summing to 1, none below 0.02 (so finite differences stay inside [0, 1]).
const distribution = (rows: number, k: number): MLArray => {
  const d = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += d[r * k + j] = rng.uniform(0.2, 1);
    for (let j = 0; j < k; j++) d[r * k + j] /= s;
  }
  return MLArray.from(d, [rows, k]);
};
// errors away from 0 (|x| kink) and from ±delta (the Huber seam)
const errorsAway = (shape: number[], avoid: number[]): MLArray =>
  fill(shape, () => {
    let v: number;
    do v = rng.normal(0, 2); while (avoid.some((a) => Math.abs(Math.abs(v) - a) < 0.05));
    return v;
  });

const HINGE_LABELS = new MLArray([1, -1, -1, 1, 1, -1, 1, -1], { requiresGrad: false });

type Case = [string, (p: MLArray, t: MLArray) => MLArray, () => MLArray[]];
const pairAway = (avoid: number[]) => (): [MLArray, MLArray] => {
  const t = normal([4, 3]);
  return [t.add(errorsAway([4, 3], avoid)).detach(), t];
};

const cases: Case[] = [
  ['mseLoss', (p, t) => mseLoss(p, t), () => [normal([4, 3]), normal([4, 3])]],
  ['mseLoss sum', (p, t) => mseLoss(p, t, { reduction: 'sum' }), () => [normal([5]), normal([5])]],
  ['maeLoss', (p, t) => maeLoss(p, t), pairAway([0])],
  ['huberLoss', (p, t) => huberLoss(p, t), pairAway([0, 1])],
  ['huberLoss delta=0.5 none', (p, t) => huberLoss(p, t, 0.5, { reduction: 'none' }), pairAway([0, 0.5])],
  ['binaryCrossEntropy', (p, t) => binaryCrossEntropy(p, t), () => [uniform([4, 3], 0.05, 0.95), uniform([4, 3], 0.05, 0.95)]],
  ['binaryCrossEntropy labelSmoothing', (p, t) => binaryCrossEntropy(p, t, { labelSmoothing: 0.2 }), () => [uniform([6], 0.05, 0.95), uniform([6], 0.05, 0.95)]],
  ['binaryCrossEntropyWithLogits', (p, t) => binaryCrossEntropyWithLogits(p, t), () => [normal([4, 3], 3), uniform([4, 3], 0.05, 0.95)]],
  ['binaryCrossEntropyWithLogits labelSmoothing none', (p, t) => binaryCrossEntropyWithLogits(p, t, { labelSmoothing: 0.1, reduction: 'none' }), () => [normal([5], 3), uniform([5], 0.05, 0.95)]],
  ['categoricalCrossEntropy', (p, t) => categoricalCrossEntropy(p, t), () => [distribution(4, 5), distribution(4, 5)]],
  ['categoricalCrossEntropy labelSmoothing sum', (p, t) => categoricalCrossEntropy(p, t, { labelSmoothing: 0.1, reduction: 'sum' }), () => [distribution(3, 4), distribution(3, 4)]],
  ['categoricalCrossEntropyWithLogits', (p, t) => categoricalCrossEntropyWithLogits(p, t), () => [normal([4, 5], 3), distribution(4, 5)]],
  ['categoricalCrossEntropyWithLogits [2,3,4] labelSmoothing', (p, t) => categoricalCrossEntropyWithLogits(p, t, { labelSmoothing: 0.2 }), () => [normal([2, 3, 4], 3), distribution(6, 4).reshape(2, 3, 4)]],
  ['softmaxCrossEntropy', (p, t) => softmaxCrossEntropy(p, t), () => [normal([3, 4], 2), distribution(3, 4)]],
  ['sparseCategoricalCrossEntropy', (p) => sparseCategoricalCrossEntropy(p, [0, 2, 1, 1]), () => [distribution(4, 3)]],
  ['sparseCategoricalCrossEntropy fromLogits labelSmoothing', (p) => sparseCategoricalCrossEntropy(p, [3, 0, 1], { fromLogits: true, labelSmoothing: 0.1 }), () => [normal([3, 4], 3)]],
  ['klDivergence', (p, t) => klDivergence(p, t), () => [distribution(4, 5), distribution(4, 5)]],
  // labels are ±1 exactly, so only the scores are perturbed
  ['hingeLoss', (p) => hingeLoss(p, HINGE_LABELS), () => [fill([8], () => {
    let v: number;
    do v = rng.normal(0, 2); while (Math.abs(Math.abs(v) - 1) < 0.05);
    return v;
  })]],
  ['cosineSimilarityLoss', (p, t) => cosineSimilarityLoss(p, t), () => [normal([4, 6]), normal([4, 6])]],
  ['cosineSimilarityLoss axis=0 none', (p, t) => cosineSimilarityLoss(p, t, { axis: 0, reduction: 'none' }), () => [normal([4, 6]), normal([4, 6])]],
];

describe('gradCheck', () => {
  test.each(cases)('%s', (_name, f, make) => {
    const r = gradCheck(f, make());
    if (!r.ok) throw new Error(r.message);
    expect(r.ok).toBe(true);
  });
});
