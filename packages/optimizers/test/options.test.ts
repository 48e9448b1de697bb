// Bad options throw a RangeError that says what was expected; nothing is silently ignored.
import { MLArray } from '@smolml/core';
import { AdaGrad, Adam, AdamW, type Optimizer, RMSProp, SGD, SGDMomentum } from '../src';

const all: [string, (o: object) => Optimizer][] = [
  ['SGD', (o) => new SGD(o)],
  ['SGDMomentum', (o) => new SGDMomentum(o)],
  ['AdaGrad', (o) => new AdaGrad(o)],
  ['Adam', (o) => new Adam(o)],
  ['AdamW', (o) => new AdamW(o)],
  ['RMSProp', (o) => new RMSProp(o)],
];

describe.each(all)('%s', (name, make) => {
  test.each([-0.1, NaN, Infinity, -Infinity])('learningRate %p throws', (lr) => {
    expect(() => make({ learningRate: lr })).toThrow(RangeError);
    expect(() => make({ learningRate: lr })).toThrow(`${name}: learningRate must be a finite number >= 0, got ${lr}`);
  });

  test('learningRate 0 is allowed (a schedule may reach it)', () => {
    expect(make({ learningRate: 0 }).learningRate).toBe(0);
  });

  test('a misspelt option is refused, not ignored', () => {
    expect(() => make({ lr: 0.1 })).toThrow(new RegExp(`${name}: unknown option 'lr'; expected one of learningRate`));
  });

  test('a bad value assigned later is caught at the next step, before any parameter changes', () => {
    const opt = make({});
    const p = new MLArray([1, 2]);
    p.mul(p).sum().backward();
    opt.learningRate = -1;
    expect(() => opt.step([p])).toThrow(RangeError);
    expect(() => opt.update({ p }, 0, ['p'])).toThrow(RangeError);
    expect([...p.data]).toEqual([1, 2]);
  });

  test('the name is the class name', () => {
    expect(make({}).name).toBe(name);
  });
});

test('defaults follow DESIGN.md and the original SmolML', () => {
  expect(new SGD()).toMatchObject({ learningRate: 0.01, weightDecay: 0 });
  expect(new SGDMomentum()).toMatchObject({ learningRate: 0.01, momentumCoefficient: 0.9, nesterov: false });
  expect(new AdaGrad()).toMatchObject({ learningRate: 0.01, epsilon: 1e-8, initialAccumulatorValue: 0 });
  expect(new Adam()).toMatchObject({ learningRate: 0.01, expDecayGradients: 0.9, expDecaySquared: 0.999, epsilon: 1e-8, weightDecay: 0 });
  expect(new AdamW()).toMatchObject({ learningRate: 0.01, weightDecay: 0.01 });
  expect(new RMSProp()).toMatchObject({ learningRate: 0.01, expDecaySquared: 0.9, epsilon: 1e-8, momentum: 0, centered: false });
});

test.each([
  ['Adam', 'expDecayGradients', () => new Adam({ expDecayGradients: 1 })],
  ['Adam', 'expDecayGradients', () => new Adam({ expDecayGradients: -0.1 })],
  ['Adam', 'expDecaySquared', () => new Adam({ expDecaySquared: 1.5 })],
  ['Adam', 'expDecaySquared', () => new Adam({ expDecaySquared: NaN })],
  ['AdamW', 'expDecayGradients', () => new AdamW({ expDecayGradients: 1 })],
  ['SGDMomentum', 'momentumCoefficient', () => new SGDMomentum({ momentumCoefficient: 1 })],
  ['RMSProp', 'expDecaySquared', () => new RMSProp({ expDecaySquared: 1 })],
  ['RMSProp', 'momentum', () => new RMSProp({ momentum: -0.5 })],
])('%s %s outside [0, 1) throws', (owner, option, make) => {
  expect(make).toThrow(new RegExp(`${owner}: ${option} must be in \\[0, 1\\), got`));
});

test.each([
  ['Adam', () => new Adam({ epsilon: 0 })],
  ['Adam', () => new Adam({ epsilon: -1e-8 })],
  ['AdamW', () => new AdamW({ epsilon: 0 })],
  ['AdaGrad', () => new AdaGrad({ epsilon: 0 })],
  ['RMSProp', () => new RMSProp({ epsilon: Infinity })],
])('%s epsilon <= 0 or non-finite throws', (owner, make) => {
  expect(make).toThrow(new RegExp(`${owner}: epsilon must be a finite number > 0`));
});

test.each([
  () => new SGD({ weightDecay: -1 }),
  () => new SGDMomentum({ weightDecay: NaN }),
  () => new Adam({ weightDecay: -0.01 }),
  () => new AdamW({ weightDecay: Infinity }),
  () => new AdaGrad({ initialAccumulatorValue: -1 }),
])('negative or non-finite weightDecay / accumulator throws', (make) => {
  expect(make).toThrow(/must be a finite number >= 0/);
});

test('flags must be booleans', () => {
  expect(() => new SGDMomentum({ nesterov: 1 as never })).toThrow(/nesterov must be true or false/);
  expect(() => new RMSProp({ centered: 'yes' as never })).toThrow(/centered must be true or false/);
});

test('options must be an object', () => {
  expect(() => new Adam(0.01 as never)).toThrow(/options must be an object/);
});

describe('the params argument', () => {
  it('must be an iterable of arrays; a single array gets a hint', () => {
    const w = new MLArray([1, 2]);
    w.sum().backward();
    const opt = new SGD();
    expect(() => opt.step(w as never)).toThrow(new TypeError('SGD.step: expected an iterable of MLArrays (wrap a single array in a list: [w]), got an MLArray'));
    expect(() => opt.zeroGrad(null as never)).toThrow(/SGD\.zeroGrad: expected an iterable of MLArrays, got null/);
    expect(Array.from(w.data)).toEqual([1, 2]);
    opt.step(new Set([w]));
    expect(Array.from(w.data)).toEqual([0.99, 1.99]);
  });
});
