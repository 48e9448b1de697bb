// The node contract: a fused loss declares the typed arrays its backward keeps beyond
// its inputs and output, so @smolml/memory can count them exactly.
import { MLArray } from '@smolml/core';
import {
  binaryCrossEntropyWithLogits, categoricalCrossEntropyWithLogits, huberLoss, sparseCategoricalCrossEntropy,
} from '../src';

const logits = new MLArray([[2, -1, 0.5], [0, 3, -2], [1, 1, 1], [-4, 0, 2]]); // 4 samples, 3 classes
const onehot = new MLArray([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]], { requiresGrad: false });

describe('the logits cross-entropy keeps e^(z − m) and each row\'s max and sum', () => {
  test.each([
    ['categoricalCrossEntropyWithLogits', () => categoricalCrossEntropyWithLogits(logits, onehot, { reduction: 'none' })],
    ['sparseCategoricalCrossEntropy', () => sparseCategoricalCrossEntropy(logits, [0, 1, 2, 1], { fromLogits: true, reduction: 'none' })],
  ] as const)('%s', (name, f) => {
    const node = f();
    expect(node.op).toBe(name);
    expect(node.savedBuffers.map((b) => [b.constructor.name, (b as Float64Array).length])).toEqual([
      ['Float64Array', 12], ['Float64Array', 4], ['Float64Array', 4],
    ]);
    // e^(z − m) of the first row: m = 2
    expect(Array.from(node.savedBuffers[0] as Float64Array).slice(0, 3)).toEqual([1, Math.exp(-3), Math.exp(-1.5)]);
    expect((node.savedBuffers[1] as Float64Array)[0]).toBe(2);
  });
});

describe('the other fused losses keep nothing beyond their inputs', () => {
  it('binaryCrossEntropyWithLogits', () => {
    const node = binaryCrossEntropyWithLogits(logits, onehot, { reduction: 'none' });
    expect(node.op).toBe('binaryCrossEntropyWithLogits');
    expect(node.prev).toHaveLength(2);
    expect(node.prev[0]).toBe(logits);
    expect(node.prev[1]).toBe(onehot);
    expect(node.savedBuffers).toEqual([]);
  });

  it('huberLoss (its input is the difference yPred − yTrue)', () => {
    const node = huberLoss(logits, onehot, 1, { reduction: 'none' });
    expect(node.op).toBe('huberLoss');
    expect(node.prev[0].op).toBe('sub');
    expect(node.savedBuffers).toEqual([]);
  });
});
