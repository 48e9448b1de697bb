// float32: a loss has its arguments' dtype, and mixed arguments promote by PyTorch's
// result_type (of two arrays of one shape, float64 wins: float64 labels promote a
// float32 loss). Sparse labels are indices and never decide. Gradients reach each
// argument in its own dtype.
import { MLArray } from '@smolml/core';
import {
  binaryCrossEntropy, binaryCrossEntropyWithLogits, categoricalCrossEntropy, categoricalCrossEntropyWithLogits,
  cosineSimilarityLoss, hingeLoss, huberLoss, klDivergence, maeLoss, mseLoss, softmaxCrossEntropy,
  sparseCategoricalCrossEntropy,
} from '../src';

type DType = 'float32' | 'float64';
const pred = (dtype: DType): MLArray => new MLArray([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]], { dtype });
const target = (dtype: DType): MLArray => new MLArray([[0, 1, 0], [1, 0, 0]], { dtype });
const signs = (dtype: DType): MLArray => new MLArray([[-1, 1, -1], [1, -1, -1]], { dtype });

const LOSSES: [string, (p: MLArray, t: MLArray) => MLArray, (d: DType) => MLArray][] = [
  ['mseLoss', mseLoss, target], ['maeLoss', maeLoss, target], ['huberLoss', (p, t) => huberLoss(p, t, 0.3), target],
  ['binaryCrossEntropy', binaryCrossEntropy, target], ['binaryCrossEntropyWithLogits', binaryCrossEntropyWithLogits, target],
  ['categoricalCrossEntropy', categoricalCrossEntropy, target],
  ['categoricalCrossEntropyWithLogits', categoricalCrossEntropyWithLogits, target],
  ['softmaxCrossEntropy', softmaxCrossEntropy, target], ['klDivergence', klDivergence, target],
  ['hingeLoss', hingeLoss, signs], ['cosineSimilarityLoss', cosineSimilarityLoss, target],
];

describe.each(LOSSES)('%s', (_name, loss, labels) => {
  it('keeps float32 in float32 and float64 in float64', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const p = pred(dtype), t = labels(dtype);
      const out = loss(p, t);
      expect(out.dtype).toBe(dtype);
      out.backward();
      expect(p.grad?.dtype).toBe(dtype);
    }
  });

  it('promotes a float32 prediction with float64 labels to float64, and back-propagates in each dtype', () => {
    const p = pred('float32'), t = labels('float64');
    const out = loss(p, t);
    expect(out.dtype).toBe('float64');
    out.backward();
    expect(p.grad?.dtype).toBe('float32');
    expect(t.grad?.dtype).toBe('float64');
    // the same value as an all-float64 call on the same (float32-exact) numbers
    const p64 = p.astype('float64').detach();
    expect(out.item()).toBeCloseTo(loss(p64, t).item(), 14);
  });

  it('agrees with the float64 loss to float32 precision', () => {
    const p = pred('float32');
    const a = loss(p, labels('float32')).item(), b = loss(p.astype('float64'), labels('float64')).item();
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
  });
});

describe('sparse labels never decide the dtype', () => {
  it('float32 predictions with float64 labels give a float32 loss', () => {
    const z = new MLArray([[2, 1, 0], [0, 3, 0]], { dtype: 'float32' });
    const labels = new MLArray([0, 1], { requiresGrad: false });
    for (const fromLogits of [true, false]) {
      const out = sparseCategoricalCrossEntropy(fromLogits ? z : z.sigmoid(), labels, { fromLogits });
      expect(out.dtype).toBe('float32');
    }
  });
});

describe('float32 edges', () => {
  it('binaryCrossEntropy keeps log(1 - p) finite where 1 - eps rounds to 1', () => {
    const loss = binaryCrossEntropy(new MLArray([1], { dtype: 'float32' }), new MLArray([0], { dtype: 'float32' }));
    expect(loss.item()).toBeCloseTo(-Math.log(2 ** -24), 5); // 16.64, not Infinity
  });

  it('klDivergence gives 0·log 0 = 0 for zero targets, not NaN', () => {
    const loss = klDivergence(new MLArray([[0.5, 0.5]], { dtype: 'float32' }), new MLArray([[1, 0]], { dtype: 'float32' }));
    expect(loss.item()).toBeCloseTo(Math.log(2), 6);
  });
});

describe('saved buffers follow the dtype', () => {
  it('the float32 logits cross-entropy keeps e^(z − m), max and sum as Float32Arrays', () => {
    const z = new MLArray([[2, 1, 0], [0, 3, 0]], { dtype: 'float32' });
    const node = categoricalCrossEntropyWithLogits(z, target('float32'), { reduction: 'none' });
    expect(node.savedBuffers.map((b) => [b.constructor.name, (b as Float32Array).length])).toEqual([
      ['Float32Array', 6], ['Float32Array', 2], ['Float32Array', 2],
    ]);
  });
});
