// Regression tests for each class of bad input the adversarial review found: every one
// is a typed error naming the loss and the bad value, never a generic JS error.
import { MLArray, ShapeError } from '@smolml/core';
import {
  binaryCrossEntropy, categoricalCrossEntropyWithLogits, cosineSimilarityLoss, huberLoss, mseLoss,
  sparseCategoricalCrossEntropy,
} from '../src';

const BRAND = Symbol.for('smolml.MLArray');
const p = new MLArray([[0.2, 0.8], [0.6, 0.4]]), t = new MLArray([[0, 1], [1, 0]]);

describe('forged brands', () => {
  it('bad storage is not an MLArray; valid storage without methods is refused', () => {
    const forged = { [BRAND]: true, data: ['a', 'b'], shape: [2], size: 2, requiresGrad: true, _prev: [] };
    expect(() => mseLoss(forged as unknown as MLArray, t)).toThrow(new TypeError('mseLoss: yPred must be an MLArray, got an object'));
    const noMethods = { [BRAND]: true, data: new Float64Array(4), shape: [2, 2], size: 4, requiresGrad: true, _prev: [] };
    expect(() => mseLoss(p, noMethods as unknown as MLArray)).toThrow(
      new TypeError('mseLoss: yTrue carries the MLArray brand but is not an MLArray: it has no MLArray methods'));
    expect(() => sparseCategoricalCrossEntropy(p, noMethods as unknown as MLArray)).toThrow(/^sparseCategoricalCrossEntropy: labels carries the MLArray brand/);
  });
});

describe('wrong types are TypeErrors, bad numbers RangeErrors, and no message throws while it is built', () => {
  it('options', () => {
    expect(() => mseLoss(p, t, null as unknown as object)).toThrow(new TypeError('mseLoss: options must be an object, got null'));
    expect(() => mseLoss(p, t, { reduction: 10n as unknown as 'sum' })).toThrow(new TypeError("mseLoss: reduction must be 'mean', 'sum' or 'none', got a bigint"));
    expect(() => mseLoss(p, t, { reduction: Symbol('x') as unknown as 'sum' })).toThrow(TypeError);
    expect(() => binaryCrossEntropy(p, t, { eps: '1e-7' as unknown as number })).toThrow(new TypeError('binaryCrossEntropy: eps must be a number, got a string'));
    expect(() => binaryCrossEntropy(p, t, { labelSmoothing: NaN })).toThrow(new RangeError('binaryCrossEntropy: labelSmoothing must be a number in [0, 1], got NaN'));
    expect(() => huberLoss(p, t, { delta: 10n as unknown as number })).toThrow(new TypeError('huberLoss: delta must be a number, got a bigint'));
    expect(() => huberLoss(p, t, -1)).toThrow(new RangeError('huberLoss: delta must be a finite number greater than 0, got -1'));
    expect(() => cosineSimilarityLoss(p, t, { axis: NaN })).toThrow(RangeError);
    expect(() => cosineSimilarityLoss(p, t, { eps: Symbol('e') as unknown as number })).toThrow(new TypeError('cosineSimilarityLoss: eps must be a number, got a symbol'));
  });

  it('sparse labels', () => {
    expect(() => sparseCategoricalCrossEntropy(p, [0, Symbol('one')] as unknown as number[])).toThrow(
      new TypeError('sparseCategoricalCrossEntropy: label at sample 1 is a symbol; expected an integer class index'));
    expect(() => sparseCategoricalCrossEntropy(p, ['0', 1] as unknown as number[])).toThrow(/label at sample 0 is a string/);
    expect(() => sparseCategoricalCrossEntropy(p, { length: NaN } as unknown as number[])).toThrow(
      new TypeError('sparseCategoricalCrossEntropy: labels must be an MLArray or an array of class indices, got an object'));
    expect(() => sparseCategoricalCrossEntropy(p, { length: 2 ** 40 } as unknown as number[])).toThrow(ShapeError);
  });

  it('shape mismatches are ShapeErrors naming both shapes, also across dtypes', () => {
    const f32 = new MLArray([0.5, 0.5], { dtype: 'float32' });
    expect(() => categoricalCrossEntropyWithLogits(p, f32)).toThrow(
      new ShapeError('categoricalCrossEntropyWithLogits', 'yPred shape [2, 2] does not match yTrue shape [2]'));
  });
});
