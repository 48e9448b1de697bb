import { MLArray, Rng, randn, zeros } from '@smolml/core';
import {
  FULL_POINTERS,
  type NeuralNetworkLike,
  type RegressionLike,
  calculateMLArraySize,
  calculateNeuralNetworkSize,
  calculateRegressionSize,
  countParameters,
} from '../src';
import { AdamStandIn, MLPStandIn, SGDStandIn } from './support/stand-ins';

const FULL = { layout: FULL_POINTERS };

function trained(sizes: number[], optimizer: AdamStandIn | SGDStandIn | null = new AdamStandIn()): MLPStandIn {
  const model = new MLPStandIn(sizes, optimizer);
  const rng = new Rng(3);
  model.trainStep(randn([4, sizes[0]], { rng, requiresGrad: false }), randn([4, sizes[sizes.length - 1]], { rng, requiresGrad: false }));
  return model;
}

describe('calculateNeuralNetworkSize', () => {
  it('reports every layer, the optimizer and the totals, in the original\'s structure', () => {
    const model = trained([5, 4, 3]);
    const r = calculateNeuralNetworkSize(model);
    expect(r.layers).toHaveLength(2);
    for (const l of r.layers) {
      expect(l.total).toBe(l.weightsSize + l.biasesSize);
      expect(l.weightsSize).toBeGreaterThan(0);
    }
    expect(r.layers[0]).toMatchObject({ parameters: 5 * 4 + 4, weightsShape: [5, 4], biasesShape: [1, 4] });
    expect(r.layers[1]).toMatchObject({ parameters: 4 * 3 + 3, weightsShape: [4, 3], biasesShape: [1, 3] });
    expect(r.total).toBe(r.layers[0].total + r.layers[1].total + r.optimizer.size + r.baseSize);
    const b = r.breakdown;
    expect(r.total).toBe(b.parameters + b.gradients + b.optimizerState + b.otherStorage + b.overhead);
    expect(r.layout).toBe(FULL_POINTERS.name);
  });

  it('counts parameters, gradients and Adam state exactly', () => {
    const model = trained([6, 5, 2]);
    const r = calculateNeuralNetworkSize(model);
    const n = 6 * 5 + 5 + 5 * 2 + 2;
    expect(r.parameterCount).toBe(n);
    expect(r.breakdown.parameters).toBe(8 * n);
    expect(r.breakdown.gradients).toBe(8 * n);
    expect(r.breakdown.optimizerState).toBe(2 * 8 * n); // Adam: first and second moments
    expect(r.breakdown.otherStorage).toBe(0);
    expect(r.optimizer.state).toMatchObject({ arrays: 8, elements: 2 * n, bytes: 16 * n });
    expect(r.optimizer.size).toBeGreaterThan(r.optimizer.state.total);
  });

  it('has no gradients before training and no state without a stateful optimizer', () => {
    const fresh = calculateNeuralNetworkSize(new MLPStandIn([3, 2], new SGDStandIn()));
    expect(fresh.breakdown.gradients).toBe(0);
    expect(fresh.optimizer.state).toEqual({ arrays: 0, elements: 0, bytes: 0, total: 0, dtypes: [] });
    const none = calculateNeuralNetworkSize(new MLPStandIn([3, 2], null));
    expect(none.optimizer.size).toBe(0);
  });

  it('layer sizes are the arrays\' own sizes', () => {
    const model = trained([4, 3]);
    const r = calculateNeuralNetworkSize(model, FULL);
    expect(r.layers[0].weightsSize).toBe(calculateMLArraySize(model.layers[0].weights, FULL));
    expect(r.layers[0].biasesSize).toBe(calculateMLArraySize(model.layers[0].biases, FULL));
  });

  it('counts a parameter shared by two layers once', () => {
    const w = randn(3, 3), b1 = zeros(1, 3), b2 = zeros(1, 3);
    const tied: NeuralNetworkLike = { layers: [{ weights: w, biases: b1 }, { weights: w, biases: b2 }] };
    const r = calculateNeuralNetworkSize(tied);
    expect(r.parameterCount).toBe(9 + 3 + 3);
    expect(r.breakdown.parameters).toBe(8 * 15);
    expect(r.layers[1].weightsSize).toBe(0);
  });

  it('counts typed storage the model holds elsewhere as other storage', () => {
    const model = { layers: [{ weights: zeros(2, 2), biases: zeros(1, 2) }], cache: new Float64Array(100) };
    expect(calculateNeuralNetworkSize(model).breakdown.otherStorage).toBe(800);
  });

  it('rejects malformed models and optimizers with the path of the problem', () => {
    const fn = calculateNeuralNetworkSize as (m: unknown) => unknown;
    expect(() => fn(null)).toThrow(TypeError);
    expect(() => fn({})).toThrow(/model\.layers must be an array/);
    expect(() => fn({ layers: [{ weights: zeros(2, 2) }] })).toThrow(/model\.layers\[0\]\.biases must be an MLArray, got undefined/);
    expect(() => fn({ layers: [{ weights: [[1]], biases: zeros(1) }] })).toThrow(/layers\[0\]\.weights must be an MLArray, got a plain array/);
    const layers = [{ weights: zeros(2, 2), biases: zeros(1, 2) }];
    expect(() => fn({ layers, optimizer: { learningRate: 0.1 } })).toThrow(/no stateArrays\(\) method/);
    expect(() => fn({ layers, optimizer: { stateArrays: () => [new Float64Array(2)] } })).toThrow(/stateArrays\(\)\[0\] must be an MLArray/);
  });
});

describe('calculateRegressionSize', () => {
  it('reports weights, bias, optimizer and totals', () => {
    const weights = randn(4, 1), bias = zeros(1);
    const optimizer = new AdamStandIn();
    const x = randn([8, 4], { requiresGrad: false });
    x.matmul(weights).add(bias).pow(2).mean().backward();
    optimizer.step([weights, bias]);
    const model: RegressionLike = { weights, bias, optimizer };
    const r = calculateRegressionSize(model);
    expect(r.parameters.total).toBe(r.parameters.weightsSize + r.parameters.biasSize);
    expect(r.total).toBe(r.parameters.total + r.optimizer.size + r.baseSize);
    expect(r.parameterCount).toBe(5);
    expect(r.breakdown).toMatchObject({ parameters: 40, gradients: 40, optimizerState: 80, otherStorage: 0 });
    expect(r.total).toBe(Object.values(r.breakdown).reduce((s, v) => s + v, 0));
  });

  it('rejects malformed models', () => {
    const fn = calculateRegressionSize as (m: unknown) => unknown;
    expect(() => fn({ weights: zeros(2, 1) })).toThrow(/model\.bias must be an MLArray/);
    expect(() => fn(undefined)).toThrow(TypeError);
  });
});

describe('countParameters', () => {
  it('counts a 784-128-10 network', () => {
    expect(countParameters(new MLPStandIn([784, 128, 10]))).toBe(784 * 128 + 128 + 128 * 10 + 10);
  });

  it('counts a regression and a list of arrays, each array once', () => {
    expect(countParameters({ weights: zeros(3, 1), bias: zeros(1) })).toBe(4);
    const w = zeros(2, 2);
    expect(countParameters([w, w, zeros(3)])).toBe(7);
    expect(countParameters(new Set([w]))).toBe(4);
  });

  it('rejects what it cannot count', () => {
    expect(() => countParameters([zeros(2), 3] as unknown as MLArray[])).toThrow(/countParameters: the list\[1\] must be an MLArray, got a number/);
    expect(() => countParameters({} as unknown as RegressionLike)).toThrow(TypeError);
  });
});
