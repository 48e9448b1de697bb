import { type MLArray, zeros } from '@smolml/core';
import {
  ITERABLE_CAP,
  type NeuralNetworkLike,
  type RegressionLike,
  calculateNeuralNetworkSize,
  calculateRegressionSize,
  countParameters,
  memoryReport,
} from '../src';

// An endless iterable from user code must end in a RangeError naming the function,
// not a hang. The generators yield one array again and again, so reaching the cap costs
// a list of a million references, not a million arrays.
function endless(): { finished: boolean; stateArrays(): Generator<MLArray> } {
  const a = zeros(1);
  const opt = {
    finished: false,
    *stateArrays(): Generator<MLArray> {
      try {
        for (;;) yield a;
      } finally {
        opt.finished = true;
      }
    },
  };
  return opt;
}

const layers = [{ weights: zeros(2, 2), biases: zeros(1, 2) }];

describe('the iterable cap', () => {
  it('is a million arrays', () => {
    expect(ITERABLE_CAP).toBe(1_000_000);
  });

  it.each([
    ['calculateNeuralNetworkSize', (o: unknown) => calculateNeuralNetworkSize({ layers, optimizer: o } as NeuralNetworkLike)],
    ['calculateRegressionSize', (o: unknown) => calculateRegressionSize({ weights: zeros(2, 1), bias: zeros(1), optimizer: o } as RegressionLike)],
    ['memoryReport', (o: unknown) => memoryReport({ layers, optimizer: o } as NeuralNetworkLike)],
  ])('%s stops an endless stateArrays() with a RangeError and closes the generator', (name, fn) => {
    const opt = endless();
    let error: unknown;
    try {
      fn(opt);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(new RegExp(`^${name}: model\\.optimizer\\.stateArrays\\(\\) yielded more than 1000000 arrays`));
    expect(opt.finished).toBe(true);
  });

  it('accepts exactly the cap', () => {
    const a = zeros(3);
    const opt = { *stateArrays() { for (let i = 0; i < ITERABLE_CAP; i++) yield a; } };
    expect(calculateNeuralNetworkSize({ layers, optimizer: opt }).optimizer.state.arrays).toBe(1);
  });

  it('stops countParameters on an endless list', () => {
    const a = zeros(2);
    const list = { *[Symbol.iterator]() { for (;;) yield a; } };
    expect(() => countParameters(list)).toThrow(/^countParameters: the list yielded more than 1000000 arrays/);
  });

  it('rejects a stateArrays() that returns no iterable or a broken iterator, naming the function', () => {
    const fn = (o: unknown): unknown => calculateNeuralNetworkSize({ layers, optimizer: o } as NeuralNetworkLike);
    expect(() => fn({ stateArrays: () => 42 })).toThrow(/^calculateNeuralNetworkSize: model\.optimizer\.stateArrays\(\) must be an iterable of MLArrays, got a number/);
    expect(() => fn({ stateArrays: () => ({ [Symbol.iterator]: () => 1 }) })).toThrow(/without a next\(\) method/);
    expect(() => fn({ stateArrays: () => ({ [Symbol.iterator]: () => ({ next: () => null }) }) })).toThrow(/returned null from next\(\)/);
    expect(() => fn({ stateArrays: () => [zeros(1), 'x'] })).toThrow(/stateArrays\(\)\[1\] must be an MLArray, got a string/);
    expect(() => fn(7)).toThrow(/^calculateNeuralNetworkSize: model\.optimizer must be an optimizer object/);
  });
});
