// The @example lines of the doc comments, checked, so the documentation cannot drift.
import { MLArray, Value } from '@smolml/core';
import {
  elu, gelu, getActivation, hardSigmoid, leakyRelu, linear, logSoftmax, mish, relu, relu6, selu, sigmoid, silu,
  softmax, softplus, swish, tanh,
} from '../src';

const list = (y: MLArray): number[] => Array.from(y.data);

test('doc comment examples', () => {
  expect(relu(new MLArray([-2, 0, 3])).toList()).toEqual([0, 0, 3]);
  expect(relu(new Value(-1.5)).data).toBe(0);
  expect(leakyRelu(new MLArray([-2, 3])).toList()).toEqual([-0.02, 3]);
  expect(leakyRelu(new MLArray([-2, 3]), 0.2).toList()).toEqual([-0.4, 3]);
  expect(elu(new MLArray([-1, 2])).toList()).toEqual([-0.6321205588285577, 2]);
  expect(elu(new Value(-1), 0.5).data).toBe(-0.31606027941427883);
  expect(selu(new MLArray([-1, 1])).toList()).toEqual([-1.1113307378125625, 1.0507009873554805]);
  expect(sigmoid(new MLArray([0, 2])).toList()).toEqual([0.5, 0.8807970779778823]);
  expect(sigmoid(new Value(-1e4)).data).toBe(0);
  expect(tanh(new MLArray([0, 1])).toList()).toEqual([0, 0.7615941559557649]);
  const x = new MLArray([1, -2]);
  expect(linear(x)).toBe(x);
  expect(softmax(new MLArray([1, 2, 3])).toList()).toEqual([0.09003057317038046, 0.24472847105479764, 0.6652409557748218]);
  for (const s of list(softmax(new MLArray([[1, 2], [3, 4]]), 0).sum(0))) expect(s).toBeCloseTo(1, 15);
  expect(logSoftmax(new MLArray([1, 2, 3])).toList()).toEqual([-2.4076059644443806, -1.4076059644443804, -0.4076059644443804]);
  expect(gelu(new MLArray([-1, 1])).toList()).toEqual([-0.15865525393145696, 0.841344746068543]);
  expect(gelu(new MLArray([-1, 1]), 'tanh').toList()).toEqual([-0.15880800939172324, 0.8411919906082768]);
  expect(silu(new MLArray([-1, 1])).toList()).toEqual([-0.2689414213699951, 0.7310585786300049]);
  expect(swish(new MLArray([2])).toList()).toEqual([1.7615941559557646]);
  expect(softplus(new MLArray([-1, 0, 1])).toList()).toEqual([0.31326168751822286, 0.6931471805599453, 1.3132616875182228]);
  expect(softplus(new Value(30)).data).toBe(30);
  expect(relu6(new MLArray([-1, 3, 8])).toList()).toEqual([0, 3, 6]);
  expect(hardSigmoid(new MLArray([-4, 0, 1.5, 4])).toList()).toEqual([0, 0.5, 0.75, 1]);
  expect(mish(new MLArray([-1, 1])).toList()).toEqual([-0.30340146137410895, 0.8650983882673103]);
  expect(getActivation('leakyRelu', { alpha: 0.2 })(new MLArray([-1, 1])).toList()).toEqual([-0.2, 1]);
});

test('the float32 example of docs/activations.md', () => {
  const h = new MLArray([[-1, 0.5]], { dtype: 'float32' });
  expect(gelu(h).dtype).toBe('float32');
  expect(softmax(h).data).toEqual(Float32Array.from([0.18242552876472473, 0.8175745010375977]));
});
