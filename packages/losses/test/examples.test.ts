// The @example lines of the doc comments, checked, so the documentation cannot drift.
import { MLArray } from '@smolml/core';
import {
  binaryCrossEntropy, binaryCrossEntropyWithLogits, categoricalCrossEntropy, categoricalCrossEntropyWithLogits,
  cosineSimilarityLoss, hingeLoss, huberLoss, klDivergence, maeLoss, mseLoss, softmaxCrossEntropy,
  sparseCategoricalCrossEntropy,
} from '../src';

test('doc comment examples', () => {
  expect(mseLoss(new MLArray([1, 2, 4]), new MLArray([1, 3, 2])).item()).toBe(1.6666666666666667);
  expect(maeLoss(new MLArray([1, 2, 4]), new MLArray([1, 3, 2])).item()).toBe(1);
  expect(huberLoss(new MLArray([0.5, 3]), new MLArray([0, 0])).item()).toBe(1.3125);
  expect(huberLoss(new MLArray([0.5, 3]), new MLArray([0, 0]), 2).item()).toBe(2.0625);
  expect(binaryCrossEntropy(new MLArray([0.9, 0.2]), new MLArray([1, 0])).item()).toBe(0.164252033486018);
  const probs = new MLArray([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]);
  const onehot = new MLArray([[1, 0, 0], [0, 1, 0]]);
  expect(categoricalCrossEntropy(probs, onehot).item()).toBe(0.2899092476264711);
  expect(categoricalCrossEntropyWithLogits(new MLArray([[2, 1, 0], [0, 3, 0]]), onehot).item()).toBe(0.25126446043267053);
  expect(softmaxCrossEntropy(new MLArray([[2, 1, 0]]), new MLArray([[1, 0, 0]])).item()).toBe(0.4076059644443804);
  expect(binaryCrossEntropyWithLogits(new MLArray([3, -1]), new MLArray([1, 0])).item()).toBe(0.18092451954598246);
  expect(sparseCategoricalCrossEntropy(probs, [0, 1]).item()).toBe(0.2899092476264711);
  expect(sparseCategoricalCrossEntropy(new MLArray([[2, 1, 0]]), [0], { fromLogits: true }).item()).toBe(0.4076059644443804);
  expect(klDivergence(new MLArray([[0.5, 0.5]]), new MLArray([[0.9, 0.1]])).item()).toBe(0.368064207168497);
  expect(hingeLoss(new MLArray([0.3, -2, 1.5]), new MLArray([1, -1, -1])).item()).toBe(1.0666666666666667);
  expect(cosineSimilarityLoss(new MLArray([[1, 0], [1, 1]]), new MLArray([[2, 0], [-1, -1]])).item()).toBe(0.9999999999999999);
});

test('the float32 examples of docs/losses.md', () => {
  const logits = new MLArray([[2, 1, 0]], { dtype: 'float32' });
  expect(categoricalCrossEntropyWithLogits(logits, new MLArray([[1, 0, 0]])).dtype).toBe('float64');
  expect(categoricalCrossEntropyWithLogits(logits, new MLArray([[1, 0, 0]], { dtype: 'float32' })).dtype).toBe('float32');
  expect(sparseCategoricalCrossEntropy(logits, [0], { fromLogits: true }).dtype).toBe('float32');
});
