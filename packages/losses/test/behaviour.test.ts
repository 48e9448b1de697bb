// How the losses behave: reductions, the relations between the forms, inputs left
// alone, and stability for extreme inputs.
import { MLArray, noGrad } from '@smolml/core';
import {
  binaryCrossEntropy, binaryCrossEntropyWithLogits, categoricalCrossEntropy, categoricalCrossEntropyWithLogits,
  cosineSimilarityLoss, hingeLoss, huberLoss, klDivergence, maeLoss, mseLoss, softmaxCrossEntropy,
  sparseCategoricalCrossEntropy,
} from '../src';

const a = (x: number[] | number[][] | number[][][], requiresGrad = true): MLArray => new MLArray(x, { requiresGrad });
const softmaxRows = (z: MLArray): MLArray => {
  const e = z.sub(z.max(-1, true)).exp();
  return e.div(e.sum(-1, true));
};
const close = (x: number, y: number, digits = 13): void => expect(x).toBeCloseTo(y, digits);

describe('reductions', () => {
  const p = a([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]]);
  const t = a([[0, 1, 0], [1, 0, 0]]);
  const logits = a([[1, -2, 0.5], [3, 0, -1]]);
  const elementwise: [string, (r: 'mean' | 'sum' | 'none') => MLArray][] = [
    ['mseLoss', (r) => mseLoss(p, t, { reduction: r })],
    ['maeLoss', (r) => maeLoss(p, t, { reduction: r })],
    ['huberLoss', (r) => huberLoss(p, t, 0.3, { reduction: r })],
    ['binaryCrossEntropy', (r) => binaryCrossEntropy(p, t, { reduction: r })],
    ['binaryCrossEntropyWithLogits', (r) => binaryCrossEntropyWithLogits(logits, t, { reduction: r })],
    ['hingeLoss', (r) => hingeLoss(logits, t.mul(2).sub(1), { reduction: r })],
  ];
  const perSample: [string, (r: 'mean' | 'sum' | 'none') => MLArray][] = [
    ['categoricalCrossEntropy', (r) => categoricalCrossEntropy(p, t, { reduction: r })],
    ['categoricalCrossEntropyWithLogits', (r) => categoricalCrossEntropyWithLogits(logits, t, { reduction: r })],
    ['sparseCategoricalCrossEntropy', (r) => sparseCategoricalCrossEntropy(p, [1, 0], { reduction: r })],
    ['klDivergence', (r) => klDivergence(p, t, { reduction: r })],
    ['cosineSimilarityLoss', (r) => cosineSimilarityLoss(p, t, { reduction: r })],
  ];

  test.each(elementwise)("%s: 'none' is per element, 'sum' its sum, 'mean' its mean (a 0-d array)", (_n, f) => {
    const none = f('none');
    expect(none.shape).toEqual([2, 3]);
    const total = Array.from(none.data).reduce((s, v) => s + v, 0);
    expect(f('sum').shape).toEqual([]);
    close(f('sum').item(), total);
    expect(f('mean').shape).toEqual([]);
    close(f('mean').item(), total / 6);
  });

  test.each(perSample)("%s: 'none' is per sample, 'sum' its sum, 'mean' its mean (a 0-d array)", (_n, f) => {
    const none = f('none');
    expect(none.shape).toEqual([2]);
    close(f('sum').item(), none.data[0] + none.data[1]);
    close(f('mean').item(), (none.data[0] + none.data[1]) / 2);
    expect(f('mean').shape).toEqual([]);
  });

  it('the default is the mean, as the original', () => {
    close(mseLoss(p, t).item(), mseLoss(p, t, { reduction: 'mean' }).item(), 15);
    close(categoricalCrossEntropy(p, t).item(), categoricalCrossEntropy(p, t, { reduction: 'mean' }).item(), 15);
  });

  it('categorical losses keep any leading shape', () => {
    const z = a([[[1, 2], [0, 0], [3, -1]], [[0.5, 0.5], [2, 1], [-1, 1]]]); // [2, 3, 2]
    const y = a([[[1, 0], [0, 1], [1, 0]], [[0, 1], [1, 0], [0, 1]]]);
    expect(categoricalCrossEntropyWithLogits(z, y, { reduction: 'none' }).shape).toEqual([2, 3]);
    expect(categoricalCrossEntropy(softmaxRows(z), y, { reduction: 'none' }).shape).toEqual([2, 3]);
    expect(sparseCategoricalCrossEntropy(z, a([[0, 1, 0], [1, 0, 1]], false), { fromLogits: true, reduction: 'none' }).shape).toEqual([2, 3]);
    // one sample: a 1-D row of class probabilities
    close(categoricalCrossEntropy(a([0.2, 0.8]), a([0, 1])).item(), -Math.log(0.8), 15);
  });
});

describe('the forms agree with each other', () => {
  const z = a([[2, -1, 0.5, 0], [0.1, 0.2, 3, -2], [-1, -1, -1, 4]]);
  const y = a([[0, 1, 0, 0], [0, 0, 1, 0], [0.25, 0.25, 0.25, 0.25]], false);

  it('categoricalCrossEntropyWithLogits(z) = categoricalCrossEntropy(softmax(z)) = softmaxCrossEntropy(z)', () => {
    const fused = categoricalCrossEntropyWithLogits(z, y).item();
    close(fused, categoricalCrossEntropy(softmaxRows(z), y).item());
    expect(softmaxCrossEntropy(z, y).item()).toBe(fused);
  });

  it('binaryCrossEntropyWithLogits(z) = binaryCrossEntropy(sigmoid(z)), label smoothing included', () => {
    const t = a([[1, 0, 0.3, 1], [0, 1, 1, 0], [0.5, 0.5, 0, 1]], false);
    close(binaryCrossEntropyWithLogits(z, t).item(), binaryCrossEntropy(z.sigmoid(), t).item(), 12);
    close(binaryCrossEntropyWithLogits(z, t, { labelSmoothing: 0.2 }).item(), binaryCrossEntropy(z.sigmoid(), t, { labelSmoothing: 0.2 }).item(), 12);
  });

  it('sparse labels are one-hot rows: same value and same gradient', () => {
    const labels = [1, 2, 3];
    const onehot = a([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], false);
    const z1 = a(z.toList() as number[][]), z2 = a(z.toList() as number[][]);
    const sparse = sparseCategoricalCrossEntropy(z1, labels, { fromLogits: true, labelSmoothing: 0.1 });
    const dense = categoricalCrossEntropyWithLogits(z2, onehot, { labelSmoothing: 0.1 });
    expect(sparse.item()).toBe(dense.item());
    sparse.backward();
    dense.backward();
    expect(z1.grad?.toList()).toEqual(z2.grad?.toList());
    const p = softmaxRows(z).detach();
    expect(sparseCategoricalCrossEntropy(p, Int32Array.from(labels)).item()).toBe(categoricalCrossEntropy(p, onehot).item());
  });

  it('label smoothing mixes the targets with the uniform distribution', () => {
    const p = softmaxRows(z).detach();
    const hard = a([[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]], false);
    const smoothed = hard.mul(0.8).add(0.2 / 4);
    close(categoricalCrossEntropy(p, hard, { labelSmoothing: 0.2 }).item(), categoricalCrossEntropy(p, smoothed).item(), 14);
  });

  it('huberLoss takes delta positionally or in the options', () => {
    const p = a([0.3, 2, -4]), t = a([0, 0, 0]);
    expect(huberLoss(p, t, 1.5, { reduction: 'sum' }).item()).toBe(huberLoss(p, t, { delta: 1.5, reduction: 'sum' }).item());
    expect(huberLoss(p, t).item()).toBe(huberLoss(p, t, {}).item());
    // quadratic inside delta, linear outside
    expect(huberLoss(p, t, 1, { reduction: 'none' }).toList()).toEqual([0.045, 1.5, 3.5]);
  });

  it('klDivergence is 0 for equal distributions and equals cross-entropy minus entropy', () => {
    const p = softmaxRows(z).detach();
    expect(klDivergence(p, p, { reduction: 'none' }).toList()).toEqual([0, 0, 0]);
    const q = a([[0.1, 0.6, 0.3, 0], [0.25, 0.25, 0.25, 0.25], [0, 0, 0, 1]], false);
    const entropy = -[0.1, 0.6, 0.3].reduce((s, v) => s + v * Math.log(v), 0) + 4 * -0.25 * Math.log(0.25);
    close(klDivergence(p, q, { reduction: 'sum' }).item(), categoricalCrossEntropy(p, q, { reduction: 'sum' }).item() - entropy, 12);
  });

  it('cosineSimilarityLoss ignores lengths: 0 aligned, 1 orthogonal, 2 opposite', () => {
    const v = a([[1, 2], [1, 0], [3, -1]]), w = a([[3, 6], [0, 5], [-6, 2]]);
    const l = cosineSimilarityLoss(v, w, { reduction: 'none' }).data;
    close(l[0], 0, 15);
    close(l[1], 1, 15);
    close(l[2], 2, 15);
  });
});

describe('gradients and the graph', () => {
  it('reach both arguments (leaves require grad by default)', () => {
    const p = a([0.3, 0.6]), t = a([0, 1]);
    mseLoss(p, t).backward();
    expect(p.grad?.toList()).toEqual([0.3, -0.4]);
    expect(t.grad?.data[0]).toBeCloseTo(-0.3, 15);
  });

  it('the fused losses record one op with both inputs, and backward through a reduction', () => {
    const z = a([[1, 2, 3]]), y = a([[0, 0, 1]], false);
    const per = categoricalCrossEntropyWithLogits(z, y, { reduction: 'none' });
    expect(per.op).toBe('categoricalCrossEntropyWithLogits');
    expect(per.prev).toHaveLength(2);
    expect(per.prev[0]).toBe(z);
    expect(per.prev[1]).toBe(y);
    expect(binaryCrossEntropyWithLogits(z, a([[1, 0, 1]]), { reduction: 'none' }).op).toBe('binaryCrossEntropyWithLogits');
  });

  it('the gradient of mean cross-entropy from logits is (softmax − y) / N', () => {
    const z = a([[1, 2, 3], [0, 0, 0]]), y = a([[0, 0, 1], [1, 0, 0]], false);
    categoricalCrossEntropyWithLogits(z, y).backward();
    const s = softmaxRows(z.detach()).data, g = z.grad?.data ?? new Float64Array(6);
    for (let i = 0; i < 6; i++) close(g[i], (s[i] - y.data[i]) / 2, 15);
  });

  it('nothing is recorded inside noGrad', () => {
    const loss = noGrad(() => categoricalCrossEntropyWithLogits(a([[1, 2]]), a([[0, 1]])));
    expect(loss.requiresGrad).toBe(false);
  });

  it('inputs are never modified', () => {
    const p = a([[0.2, 0.8], [1e-20, 1]]), t = a([[0, 1], [1, 0]]), z = a([[5, -3], [1e4, -1e4]]);
    const snapshot = [p, t, z].map((x) => Array.from(x.data));
    binaryCrossEntropy(p, t).backward();
    categoricalCrossEntropy(p, t, { labelSmoothing: 0.1 }).backward();
    categoricalCrossEntropyWithLogits(z, t).backward();
    binaryCrossEntropyWithLogits(z, t).backward();
    klDivergence(p, t).backward();
    expect([p, t, z].map((x) => Array.from(x.data))).toEqual(snapshot);
  });
});

describe('extreme inputs stay finite', () => {
  it('logits up to ±1e4 give exact, finite losses and gradients', () => {
    const z = a([[1e4, -1e4, 0], [-1e4, 1e4, -1e4]]), y = a([[0, 1, 0], [1, 0, 0]]);
    const loss = categoricalCrossEntropyWithLogits(z, y, { reduction: 'none' });
    expect(loss.toList()).toEqual([2e4, 2e4]);
    loss.sum().backward();
    expect(z.grad?.toList()).toEqual([[1, -1, 0], [-1, 1, 0]]);
    const b = a([1e4, -1e4, 1e4]), t = a([0, 1, 1]);
    const bl = binaryCrossEntropyWithLogits(b, t, { reduction: 'none' });
    expect(bl.toList()).toEqual([1e4, 1e4, 0]);
    bl.sum().backward();
    expect(b.grad?.toList()).toEqual([1, -1, 0]);
    for (const g of t.grad?.data ?? [NaN]) expect(Number.isFinite(g)).toBe(true);
    expect(sparseCategoricalCrossEntropy(a([[1e4, -1e4]]), [1], { fromLogits: true }).item()).toBe(2e4);
  });

  it('probabilities of exactly 0 and 1 are clipped to eps: finite, bounded by −log eps', () => {
    const p = a([0, 1]), t = a([1, 0]);
    const l = binaryCrossEntropy(p, t, { reduction: 'none' });
    for (const v of l.data) close(v, -Math.log(1e-15), 2);
    l.sum().backward();
    expect(p.grad?.toList()).toEqual([0, 0]); // clipped: no gradient, as with PyTorch's clamp
    expect(binaryCrossEntropy(a([0]), a([1]), { eps: 1e-7 }).item()).toBeCloseTo(-Math.log(1e-7), 12);
    close(categoricalCrossEntropy(a([[0, 1]]), a([[1, 0]])).item(), -Math.log(1e-15), 12);
    expect(Number.isFinite(klDivergence(a([[0, 1]]), a([[1, 0]])).item())).toBe(true);
  });

  it('a zero vector gives a finite cosine loss and gradient', () => {
    const v = a([[0, 0, 0]]), w = a([[1, 2, 3]]);
    const l = cosineSimilarityLoss(v, w);
    expect(l.item()).toBe(1);
    l.backward();
    for (const g of [...(v.grad?.data ?? [NaN]), ...(w.grad?.data ?? [NaN])]) expect(Number.isFinite(g)).toBe(true);
  });
});

describe('huberLoss gradient precision', () => {
  it('is exactly e inside delta, however small e is (no cancellation)', () => {
    const pred = new MLArray([1e-12, 1e-9, 1e-6, -3e-7]);
    huberLoss(pred, new MLArray([0, 0, 0, 0], { requiresGrad: false }), { reduction: 'sum' }).backward();
    expect(Array.from(pred.grad!.data)).toEqual([1e-12, 1e-9, 1e-6, -3e-7]);
    const wide = new MLArray([1e-9]);
    huberLoss(wide, new MLArray([0], { requiresGrad: false }), { delta: 1e4, reduction: 'sum' }).backward();
    expect(wide.grad!.data[0]).toBe(1e-9);
  });

  it('is ±delta outside and passes NaN through, as PyTorch', () => {
    const pred = new MLArray([5, -5, NaN]);
    huberLoss(pred, new MLArray([0, 0, 0], { requiresGrad: false }), 2, { reduction: 'none' }).sum().backward();
    expect(Array.from(pred.grad!.data)).toEqual([2, -2, NaN]);
  });
});
