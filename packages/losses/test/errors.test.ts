// Bad input gets a clear error, never a silent NaN.
import { MLArray, ShapeError } from '@smolml/core';
import {
  binaryCrossEntropy, binaryCrossEntropyWithLogits, categoricalCrossEntropy, categoricalCrossEntropyWithLogits,
  cosineSimilarityLoss, hingeLoss, huberLoss, klDivergence, maeLoss, mseLoss, softmaxCrossEntropy,
  sparseCategoricalCrossEntropy, type Reduction,
} from '../src';

const a = (x: number[] | number[][]): MLArray => new MLArray(x);
const PAIRED: [string, (p: MLArray, t: MLArray, o?: object) => MLArray][] = [
  ['mseLoss', mseLoss], ['maeLoss', maeLoss], ['huberLoss', (p, t, o) => huberLoss(p, t, o ?? {})],
  ['binaryCrossEntropy', binaryCrossEntropy], ['binaryCrossEntropyWithLogits', binaryCrossEntropyWithLogits],
  ['categoricalCrossEntropy', categoricalCrossEntropy], ['categoricalCrossEntropyWithLogits', categoricalCrossEntropyWithLogits],
  ['softmaxCrossEntropy', softmaxCrossEntropy], ['klDivergence', klDivergence], ['hingeLoss', hingeLoss],
  ['cosineSimilarityLoss', cosineSimilarityLoss],
];

describe('mismatched shapes', () => {
  test.each(PAIRED)('%s throws a ShapeError naming the op and both shapes', (name, f) => {
    const p = a([[0.5, 0.5], [0.5, 0.5]]), t = a([[1, 0]]);
    let err: unknown;
    try { f(p, t); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as ShapeError).message).toBe(`${name}: yPred shape [2, 2] does not match yTrue shape [1, 2]`);
    expect((err as ShapeError).shapes).toEqual([[2, 2], [1, 2]]);
    expect((err as ShapeError).op).toBe(name);
  });

  test.each(PAIRED)('%s does not broadcast a [n] target against [n, 1] predictions', (_name, f) => {
    expect(() => f(a([[1], [-1]]), a([1, -1]))).toThrow(ShapeError);
  });

  test.each(PAIRED)('%s rejects arguments that are not MLArrays', (name, f) => {
    expect(() => f([1, 0] as unknown as MLArray, a([1, 0]))).toThrow(new TypeError(`${name}: yPred must be an MLArray, got a plain array (wrap it: new MLArray(...))`));
    expect(() => f(a([1, 0]), null as unknown as MLArray)).toThrow(/yTrue must be an MLArray, got null/);
  });
});

describe('options', () => {
  test.each(PAIRED)('%s rejects an unknown reduction', (name, f) => {
    expect(() => f(a([[1, 0]]), a([[1, 0]]), { reduction: 'avg' as Reduction })).toThrow(
      new RangeError(`${name}: reduction must be 'mean', 'sum' or 'none', got "avg"`));
  });

  test.each(PAIRED)('%s rejects a misspelt option instead of ignoring it', (name, f) => {
    expect(() => f(a([[1, 0]]), a([[1, 0]]), { reducton: 'sum' })).toThrow(new RegExp(`^${name}: unknown option 'reducton'; expected reduction`));
  });

  it('delta must be a finite number > 0', () => {
    for (const delta of [0, -1, NaN, Infinity]) {
      expect(() => huberLoss(a([1]), a([0]), delta)).toThrow(new RangeError(`huberLoss: delta must be a finite number greater than 0, got ${delta}`));
      expect(() => huberLoss(a([1]), a([0]), { delta })).toThrow(RangeError);
    }
  });

  it('eps must lie in (0, 0.5) and labelSmoothing in [0, 1]', () => {
    expect(() => binaryCrossEntropy(a([0.5]), a([1]), { eps: 0 })).toThrow(/binaryCrossEntropy: eps must be a number in \(0, 0.5\), got 0/);
    expect(() => categoricalCrossEntropy(a([[0.5, 0.5]]), a([[1, 0]]), { eps: 0.5 })).toThrow(/eps must be a number in \(0, 0.5\)/);
    expect(() => klDivergence(a([[0.5, 0.5]]), a([[1, 0]]), { eps: -1 })).toThrow(RangeError);
    expect(() => binaryCrossEntropyWithLogits(a([0.5]), a([1]), { labelSmoothing: 1.5 })).toThrow(/labelSmoothing must be a number in \[0, 1\], got 1.5/);
    expect(() => categoricalCrossEntropyWithLogits(a([[0.5, 0.5]]), a([[1, 0]]), { labelSmoothing: -0.1 })).toThrow(RangeError);
    expect(() => sparseCategoricalCrossEntropy(a([[0.5, 0.5]]), [0], { labelSmoothing: NaN })).toThrow(RangeError);
  });

  it('cosineSimilarityLoss checks its axis and eps', () => {
    // core's normalizeAxis words it, as in every package
    expect(() => cosineSimilarityLoss(a([[1, 0]]), a([[1, 0]]), { axis: 2 })).toThrow(
      new RangeError('cosineSimilarityLoss: axis 2 is out of range for an array with 2 dimension(s); expected an integer in [-2, 1]'));
    expect(() => cosineSimilarityLoss(a([[1, 0]]), a([[1, 0]]), { axis: 0.5 })).toThrow(RangeError);
    expect(() => cosineSimilarityLoss(a([[1, 0]]), a([[1, 0]]), { axis: '0' as unknown as number })).toThrow(
      new TypeError('cosineSimilarityLoss: axis must be an integer, got a string'));
    expect(() => cosineSimilarityLoss(a([[1, 0]]), a([[1, 0]]), { eps: 0 })).toThrow(RangeError);
  });

  it('options must be an object', () => {
    expect(() => mseLoss(a([1]), a([1]), 'sum' as unknown as object)).toThrow(new TypeError('mseLoss: options must be an object, got a string'));
    expect(() => mseLoss(a([1]), a([1]), null as unknown as object)).toThrow(new TypeError('mseLoss: options must be an object, got null'));
    expect(() => huberLoss(a([1]), a([1]), null as unknown as object)).toThrow(
      new TypeError('huberLoss: the third argument must be delta (a number) or an options object, got null'));
  });
});

describe('values outside their range', () => {
  it('binary cross-entropy labels outside [0, 1]', () => {
    expect(() => binaryCrossEntropy(a([0.5, 0.5]), a([1, 2]))).toThrow(new RangeError('binaryCrossEntropy: yTrue (labels) must lie in [0, 1], got 2 at flat index 1'));
    expect(() => binaryCrossEntropy(a([0.5]), a([-0.1]))).toThrow(RangeError);
    expect(() => binaryCrossEntropyWithLogits(a([3]), a([-1]))).toThrow(/binaryCrossEntropyWithLogits: yTrue \(labels\) must lie in \[0, 1\], got -1/);
    expect(() => binaryCrossEntropy(a([0.5]), a([NaN]))).toThrow(/got NaN/);
  });

  it('probabilities outside [0, 1], with a pointer to the logits form', () => {
    expect(() => binaryCrossEntropy(a([2.5]), a([1]))).toThrow(
      'binaryCrossEntropy: yPred (probabilities) must lie in [0, 1], got 2.5 at flat index 0; for raw scores use binaryCrossEntropyWithLogits');
    expect(() => categoricalCrossEntropy(a([[-1, 2]]), a([[1, 0]]))).toThrow(/for raw scores use categoricalCrossEntropyWithLogits/);
    expect(() => binaryCrossEntropy(a([NaN]), a([1]))).toThrow(/got NaN/);
    expect(() => klDivergence(a([[1.5, 0]]), a([[1, 0]]))).toThrow(RangeError);
  });

  it('categorical targets outside [0, 1]', () => {
    expect(() => categoricalCrossEntropy(a([[0.5, 0.5]]), a([[2, -1]]))).toThrow(/yTrue \(target probabilities\) must lie in \[0, 1\], got 2/);
    expect(() => categoricalCrossEntropyWithLogits(a([[0.5, 0.5]]), a([[2, -1]]))).toThrow(RangeError);
  });

  it('hinge labels other than ±1', () => {
    expect(() => hingeLoss(a([0.3, 0.2]), a([1, 0]))).toThrow(
      'hingeLoss: labels must be -1 or 1, got 0 at flat index 1 (for 0/1 labels pass y.mul(2).sub(1))');
  });
});

describe('sparse labels', () => {
  const probs = a([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]);
  it('out of range or not integers', () => {
    expect(() => sparseCategoricalCrossEntropy(probs, [0, 3])).toThrow(
      new RangeError('sparseCategoricalCrossEntropy: label 3 at sample 1 is not a class index; expected an integer in [0, 2] for 3 classes'));
    expect(() => sparseCategoricalCrossEntropy(probs, [-1, 0])).toThrow(/label -1 at sample 0/);
    expect(() => sparseCategoricalCrossEntropy(probs, [0.5, 1])).toThrow(/label 0.5 at sample 0 is not a class index/);
    expect(() => sparseCategoricalCrossEntropy(probs, [NaN, 1], { fromLogits: true })).toThrow(/label NaN/);
  });

  it('of the wrong shape or count', () => {
    expect(() => sparseCategoricalCrossEntropy(probs, a([0, 1, 2]))).toThrow(ShapeError);
    expect(() => sparseCategoricalCrossEntropy(probs, a([0, 1, 2]))).toThrow(
      "sparseCategoricalCrossEntropy: labels shape [3] does not match yPred's samples [2] (yPred without its class axis)");
    expect(() => sparseCategoricalCrossEntropy(probs, [0])).toThrow(/1 labels for 2 samples/);
    expect(() => sparseCategoricalCrossEntropy(probs, 'ab' as unknown as number[])).toThrow(TypeError);
  });

  it('eps only with probabilities, and fromLogits a boolean', () => {
    expect(() => sparseCategoricalCrossEntropy(probs, [0, 1], { fromLogits: true, eps: 1e-7 })).toThrow(/eps clips probabilities and has no effect with fromLogits: true/);
    expect(() => sparseCategoricalCrossEntropy(probs, [0, 1], { fromLogits: 'yes' as unknown as boolean })).toThrow(
      new TypeError('sparseCategoricalCrossEntropy: fromLogits must be true or false, got a string'));
  });
});

describe('shapes without samples or classes', () => {
  it('a 0-d array has no class axis', () => {
    expect(() => categoricalCrossEntropy(new MLArray(0.5), new MLArray(1))).toThrow(/expected classes on the last axis, got a 0-d array/);
    expect(() => categoricalCrossEntropyWithLogits(new MLArray(0.5), new MLArray(1))).toThrow(ShapeError);
    expect(() => sparseCategoricalCrossEntropy(new MLArray(0.5), [0])).toThrow(ShapeError);
  });

  it("the mean of no samples is an error, not NaN; 'sum' gives 0", () => {
    const empty = MLArray.from([], [0, 3]);
    expect(() => categoricalCrossEntropyWithLogits(empty, MLArray.from([], [0, 3]))).toThrow(/cannot average over 0 samples; use reduction 'sum' or 'none'/);
    expect(() => mseLoss(MLArray.from([], [0]), MLArray.from([], [0]))).toThrow(/cannot average over 0 elements/);
    expect(categoricalCrossEntropyWithLogits(empty, MLArray.from([], [0, 3]), { reduction: 'sum' }).item()).toBe(0);
  });
});
