import { Rng } from '@smolml/core';
import {
  HeInitialization,
  HeUniform,
  XavierNormal,
  XavierUniform,
  calculateGain,
  getInitializer,
  initializerNames,
  initializers,
  registerInitializer,
} from '../src';

test('names resolve ignoring case, underscores and dashes', () => {
  expect(getInitializer('xavierUniform')).toBe(XavierUniform);
  expect(getInitializer('xavier_uniform')).toBe(XavierUniform);
  expect(getInitializer('XavierUniform')).toBe(XavierUniform);
  expect(getInitializer('glorot-normal')).toBe(XavierNormal);
  expect(getInitializer('he_normal')).toBe(HeInitialization);
  expect(getInitializer('kaimingUniform')).toBe(HeUniform);
  expect(getInitializer('he uniform')).toBe(HeUniform);
});

test('initializerNames lists the built-ins, the original four first', () => {
  expect(initializerNames.slice(0, 4)).toEqual(['randomUniform', 'xavierUniform', 'xavierNormal', 'heInitialization']);
  expect([...initializerNames]).toEqual(Object.keys(initializers));
});

test('every built-in name works in both call forms', () => {
  for (const name of initializerNames) {
    const init = getInitializer(name);
    const options = name === 'constant' ? { value: 2 } : { rng: new Rng(0) };
    expect(init.initialize([3, 2], options as never).shape).toEqual([3, 2]);
  }
});

test('an initializer passes through unchanged', () => {
  expect(getInitializer(HeUniform)).toBe(HeUniform);
});

test('unknown names throw a RangeError listing the known ones', () => {
  expect(() => getInitializer('glorotish')).toThrow(RangeError);
  expect(() => getInitializer('glorotish')).toThrow(/unknown initializer "glorotish"; expected one of randomUniform, xavierUniform/);
  expect(() => getInitializer(42 as never)).toThrow(RangeError);
});

test('registerInitializer adds a name and refuses to replace one', () => {
  registerInitializer('myUniform', XavierUniform);
  expect(getInitializer('my_uniform')).toBe(XavierUniform);
  expect(() => getInitializer('nope')).toThrow(/myUniform/);
  expect(() => registerInitializer('xavier_uniform', HeUniform)).toThrow(/already registered/);
  expect(() => registerInitializer('', HeUniform)).toThrow(RangeError);
  expect(() => registerInitializer('broken', {} as never)).toThrow(/initialize/);
});

test('calculateGain matches PyTorch', () => {
  expect(calculateGain('linear')).toBe(1);
  expect(calculateGain('sigmoid')).toBe(1);
  expect(calculateGain('tanh')).toBe(5 / 3);
  expect(calculateGain('relu')).toBe(Math.SQRT2);
  expect(calculateGain('leaky_relu')).toBe(Math.sqrt(2 / (1 + 0.01 ** 2)));
  expect(calculateGain('leakyRelu', 0.2)).toBe(Math.sqrt(2 / 1.04));
  expect(calculateGain('selu')).toBe(0.75);
  expect(() => calculateGain('swish')).toThrow(RangeError);
});
