// Regression tests for each class of bad input the adversarial review found: every one
// is a typed error naming the function and the bad value, never a generic JS error.
import { MLArray, Value } from '@smolml/core';
import { elu, gelu, getActivation, leakyRelu, logSoftmax, relu, selu, softmax, softplus, tanh } from '../src';

const BRAND = Symbol.for('smolml.MLArray');
const x = new MLArray([-1, 0.5, 2]);

describe('forged brands', () => {
  it('an object with the MLArray brand but bad storage is not an MLArray', () => {
    const forged = { [BRAND]: true, data: [1, 2], shape: [2], size: 2, requiresGrad: true, _prev: [] };
    expect(() => relu(forged as unknown as MLArray)).toThrow(new TypeError('relu: expected an MLArray or a Value, got an object'));
    const short = { [BRAND]: true, data: new Float64Array(1), shape: [3], size: 3, requiresGrad: true, _prev: [] };
    expect(() => softmax(short as unknown as MLArray)).toThrow(new TypeError('softmax: expected an MLArray, got an object'));
  });

  it('valid storage without the methods is refused before anything is called on it', () => {
    const noMethods = { [BRAND]: true, data: new Float64Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [] };
    expect(() => tanh(noMethods as unknown as MLArray)).toThrow(
      new TypeError('tanh: the input carries the MLArray brand but is not an MLArray: it has no MLArray methods'));
    expect(() => elu(noMethods as unknown as MLArray)).toThrow(TypeError);
    expect(() => logSoftmax(noMethods as unknown as MLArray)).toThrow(/^logSoftmax: the input carries the MLArray brand/);
  });

  it('an object with the Value brand but no number data is not a Value', () => {
    const forged = { [Symbol.for('smolml.Value')]: true, data: 'x' };
    expect(() => selu(forged as unknown as Value)).toThrow(
      new TypeError('selu: the input carries the Value brand but is not a Value: its data is a string, not a number'));
  });
});

describe('wrong types are TypeErrors, bad numbers RangeErrors, and no message throws while it is built', () => {
  it('parameters', () => {
    expect(() => leakyRelu(x, '0.1' as unknown as number)).toThrow(new TypeError('leakyRelu: alpha must be a number, got a string'));
    expect(() => elu(x, 10n as unknown as number)).toThrow(new TypeError('elu: alpha must be a number, got a bigint'));
    expect(() => elu(x, Symbol('a') as unknown as number)).toThrow(new TypeError('elu: alpha must be a number, got a symbol'));
    expect(() => softplus(x, 1, null as unknown as number)).toThrow(new TypeError('softplus: threshold must be a number, got null'));
    expect(() => softplus(x, -1)).toThrow(new RangeError('softplus: beta must be a finite number greater than 0, got -1'));
  });

  it('an axis', () => {
    expect(() => softmax(x, 10n as unknown as number)).toThrow(new TypeError('softmax: axis must be an integer, got a bigint'));
    expect(() => softmax(x, NaN)).toThrow(new RangeError('softmax: axis NaN is out of range for an array with 1 dimension(s); expected an integer in [-1, 0]'));
    expect(() => logSoftmax(x, null as unknown as number)).toThrow(new TypeError('logSoftmax: axis must be an integer, got null'));
  });

  it('gelu\'s approximate', () => {
    expect(() => gelu(x, 10n as unknown as 'none')).toThrow(new TypeError("gelu: approximate must be 'none' or 'tanh', got a bigint"));
    expect(() => gelu(x, 'fast' as 'none')).toThrow(new RangeError(`gelu: approximate must be 'none' or 'tanh', got "fast"`));
  });

  it('getActivation\'s name and options', () => {
    expect(() => getActivation(Symbol('relu') as unknown as string)).toThrow(new TypeError('getActivation: name must be a string, got a symbol'));
    expect(() => getActivation('relu', [] as unknown as object)).toThrow(new TypeError('getActivation: options must be an object, got a plain array'));
    expect(() => getActivation('elu', { alpha: 'big' as unknown as number })).toThrow(new TypeError('elu: alpha must be a number, got a string'));
  });

  it('inputs that are not arrays, a self-containing array included', () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    expect(() => relu(cyclic as unknown as MLArray)).toThrow(new TypeError('relu: expected an MLArray or a Value, got a plain array (wrap it: new MLArray(...))'));
    expect(() => tanh(2 as unknown as MLArray)).toThrow(new TypeError('tanh: expected an MLArray or a Value, got a number (wrap it: new Value(x) or new MLArray(x))'));
    expect(() => softmax(undefined as unknown as MLArray)).toThrow(new TypeError('softmax: expected an MLArray, got undefined'));
  });
});
