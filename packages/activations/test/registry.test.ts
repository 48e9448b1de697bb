// The name registry, for stacks configured from JSON.
import { MLArray } from '@smolml/core';
import * as pkg from '../src';
import { activationNames, elu, gelu, getActivation, leakyRelu, logSoftmax, relu, softmax, softplus } from '../src';

const x = new MLArray([[-2, -0.5, 0.25, 3], [1, -1, 2, -3]], { requiresGrad: false });

describe('activationNames', () => {
  it('lists the original seven first, then the rest', () => {
    expect(activationNames.slice(0, 7)).toEqual(['relu', 'leakyRelu', 'elu', 'sigmoid', 'softmax', 'tanh', 'linear']);
    expect(activationNames).toEqual(expect.arrayContaining(
      ['logSoftmax', 'gelu', 'silu', 'swish', 'softplus', 'relu6', 'hardSigmoid', 'selu', 'mish']));
    expect(new Set(activationNames).size).toBe(activationNames.length);
  });

  it('names exactly the exported functions, and cannot be changed', () => {
    for (const name of activationNames) expect(typeof (pkg as Record<string, unknown>)[name]).toBe('function');
    expect(Object.isFrozen(activationNames)).toBe(true);
  });
});

describe('getActivation', () => {
  test.each(activationNames.map((n) => [n]))('%s gives the same numbers as the function itself', (name) => {
    const direct = (pkg as unknown as Record<string, (x: MLArray) => MLArray>)[name];
    expect(Array.from(getActivation(name)(x).data)).toEqual(Array.from(direct(x).data));
  });

  it('ignores case, underscores and hyphens (the original and Keras spell it leaky_relu)', () => {
    for (const spelling of ['leaky_relu', 'LeakyReLU', 'leaky-relu', 'LEAKYRELU']) {
      expect(Array.from(getActivation(spelling)(x).data)).toEqual(Array.from(leakyRelu(x).data));
    }
    expect(getActivation('log_softmax')(x).data).toEqual(logSoftmax(x).data);
    expect(getActivation('hard_sigmoid')(x).shape).toEqual([2, 4]);
  });

  it('binds options', () => {
    expect(getActivation('leakyRelu', { alpha: 0.2 })(x).data).toEqual(leakyRelu(x, 0.2).data);
    expect(getActivation('elu', { alpha: 0.5 })(x).data).toEqual(elu(x, 0.5).data);
    expect(getActivation('softmax', { axis: 0 })(x).data).toEqual(softmax(x, 0).data);
    expect(getActivation('gelu', { approximate: 'tanh' })(x).data).toEqual(gelu(x, 'tanh').data);
    expect(getActivation('softplus', { beta: 2, threshold: 3 })(x).data).toEqual(softplus(x, 2, 3).data);
    expect(getActivation('relu', {})(x).data).toEqual(relu(x).data);
  });

  it('names the valid choices for an unknown name', () => {
    expect(() => getActivation('rectifier')).toThrow(RangeError);
    expect(() => getActivation('rectifier')).toThrow(
      /getActivation: unknown activation "rectifier"; expected one of relu, leakyRelu, elu, sigmoid, softmax, tanh, linear, logSoftmax, gelu, silu, swish, softplus, relu6, hardSigmoid, selu, mish/);
    expect(() => getActivation(undefined as unknown as string)).toThrow(new TypeError('getActivation: name must be a string, got undefined'));
  });

  it('rejects options the activation does not take, and bad values, when configured', () => {
    expect(() => getActivation('relu', { alpha: 0.1 })).toThrow(/getActivation: 'relu' takes no options, got option 'alpha'/);
    expect(() => getActivation('softmax', { alpha: 0.1 })).toThrow(/'softmax' accepts only axis, got option 'alpha'/);
    expect(() => getActivation('leakyRelu', { alpha: Number.NaN })).toThrow(/leakyRelu: alpha must be a finite number/);
    expect(() => getActivation('softmax', { axis: 1.5 })).toThrow(/softmax: axis must be an integer/);
    expect(() => getActivation('gelu', { approximate: 'fast' as 'tanh' })).toThrow(/approximate must be 'none' or 'tanh'/);
    expect(() => getActivation('softplus', { beta: -1 })).toThrow(/beta must be a finite number greater than 0/);
    expect(() => getActivation('relu', null as unknown as object)).toThrow(/options must be an object/);
  });
});
