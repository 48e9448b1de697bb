// One regression test per class of bad input: each gets a typed error that names the
// function and the bad value, and changes nothing.
import { MLArray } from '@smolml/core';
import { Adam, AdamW, LRScheduler, LinearWarmup, Optimizer, type OptimizerStateDict, RMSProp, SGD, StepLR, clipGradNorm } from '../src';

const withGrad = (values: number[]): MLArray => {
  const p = MLArray.from(values, [values.length]);
  p.mul(p).sum().backward();
  return p;
};

test('null, non-object and array options are TypeErrors naming the constructor', () => {
  expect(() => new Adam(null as never)).toThrow(new TypeError('Adam: options must be an object, got null'));
  expect(() => new SGD(0.1 as never)).toThrow(new TypeError('SGD: options must be an object, got 0.1'));
  expect(() => new RMSProp([] as never)).toThrow(new TypeError('RMSProp: options must be an object, got a plain array'));
  expect(() => new AdamW('fast' as never)).toThrow(new TypeError('AdamW: options must be an object, got "fast"'));
  expect(() => new StepLR(new SGD(), null as never)).toThrow(new TypeError('StepLR: options must be an object, got null'));
});

test('wrong-typed hyperparameters are TypeErrors, out-of-range ones RangeErrors; null is not the default', () => {
  expect(() => new Adam({ learningRate: '0.1' as never })).toThrow(new TypeError('Adam: learningRate must be a finite number >= 0, got "0.1"'));
  expect(() => new Adam({ learningRate: null as never })).toThrow(TypeError);
  expect(() => new AdamW({ expDecayGradients: 1 })).toThrow(new RangeError('AdamW: expDecayGradients must be in [0, 1), got 1'));
  expect(() => new StepLR(new SGD(), {} as never)).toThrow(new TypeError('StepLR: option stepSize is required'));
  expect(() => new StepLR(new SGD(), { stepSize: 2 ** 53 })).toThrow(RangeError);
});

test('objects carrying the MLArray brand with bogus storage are TypeErrors, and nothing changes', () => {
  const brand = Symbol.for('smolml.MLArray');
  const a = withGrad([1, 2]);
  const forged = [
    { [brand]: true, data: [1, 2], shape: [2], size: 2, requiresGrad: true, _prev: [] },
    { [brand]: true, data: new Float64Array(1), shape: [4], size: 4, requiresGrad: true, _prev: [] },
  ];
  for (const f of forged) {
    expect(() => new Adam().step([a, f] as never)).toThrow('Adam.step: params[1] must be an MLArray, got an object');
  }
  // Sound storage but a gradient of the wrong kind or length.
  const odd = { [brand]: true, data: new Float64Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [], prev: [], gradData: new Float32Array(2) };
  expect(() => new Adam().step([a, odd] as never)).toThrow(/Adam\.step: params\[1\] is not a sound MLArray: its gradient is a Float32Array of 2 elements, expected null or a Float64Array of 2/);
  expect([...a.data]).toEqual([1, 2]);
  expect(() => clipGradNorm([odd] as never, 1)).toThrow(/clipGradNorm: params\[0\] is not a sound MLArray/);
});

test('forged Optimizer and LRScheduler brands are refused by the schedules', () => {
  const forged = { [Symbol.for('smolml.Optimizer')]: true, learningRate: 0.1 };
  expect(() => new StepLR(forged as never, { stepSize: 1 })).toThrow(new TypeError('StepLR: expected an Optimizer, got an object that carries the Optimizer brand without being one'));
  expect(forged instanceof Optimizer).toBe(false); // the brand alone does not make an optimizer
  expect(new SGD() instanceof Optimizer).toBe(true);
  const sched = { [Symbol.for('smolml.LRScheduler')]: true };
  expect(sched instanceof LRScheduler).toBe(false);
  expect(() => new LinearWarmup(sched as never, { warmupSteps: 1 })).toThrow(/LinearWarmup: expected an Optimizer or an LRScheduler, got an object that carries the LRScheduler brand/);
});

test('params that are not an iterable of MLArrays: TypeErrors, not "is not iterable"', () => {
  const opt = new SGD();
  expect(() => opt.step({ [Symbol.iterator]: 5 } as never)).toThrow(new TypeError('SGD.step: expected an iterable of MLArrays, got an object'));
  expect(() => opt.step({ [Symbol.iterator]: () => 5 } as never)).toThrow(new TypeError('SGD.step: params[Symbol.iterator]() must return an iterator, got 5'));
  expect(() => opt.step({ [Symbol.iterator]: () => ({ next: () => 5 }) } as never)).toThrow(new TypeError('SGD.step: the params iterator returned 5 instead of a result object'));
  expect(() => opt.update(null as never, 0, ['w'])).toThrow(new TypeError('SGD.update: obj must be an object, got null'));
  expect(() => opt.update({}, NaN, ['w'])).toThrow(new RangeError('SGD.update: objIdx must be an integer or a string, got NaN'));
  expect(() => opt.update({}, 0, 'w' as never)).toThrow(new TypeError('SGD.update: paramNames must be an array of strings, got "w"'));
});

test('malformed state dicts: typed errors naming the place, and a huge declared shape allocates nothing', () => {
  const opt = new Adam();
  const p = withGrad([1, 2]);
  opt.step([p]);
  const dict = opt.stateDict();
  const bad = (d: unknown): (() => void) => () => new Adam().loadStateDict(d as OptimizerStateDict);
  expect(bad(null)).toThrow(new TypeError('Adam.loadStateDict: expected a state dict object, got null'));
  expect(bad({ ...dict, state: [{ ...dict.state[0], shape: [1e9, 1e9] }] })).toThrow(/state\[0\]\.buffers\.expAvg: expected an array of 1000000000000000000 numbers, got 2 values/);
  expect(bad({ ...dict, state: [{ ...dict.state[0], shape: ['2'] }] })).toThrow(new TypeError('Adam.loadStateDict: state[0].shape[0] must be a non-negative integer, got "2"'));
  expect(bad({ ...dict, state: [{ ...dict.state[0], step: -1 }] })).toThrow(RangeError);
  expect(bad({ ...dict, options: { ...dict.options, epsilon: 'tiny' } })).toThrow(new TypeError('Adam: epsilon must be a finite number > 0, got "tiny"'));
});

test('a schedule field set to nonsense is caught before a bad rate reaches the optimizer', () => {
  const opt = new SGD({ learningRate: 0.1 });
  const s = new StepLR(opt, { stepSize: 1 });
  (s as unknown as { gamma: unknown }).gamma = Symbol('g');
  expect(() => s.step()).toThrow(new TypeError('StepLR.step: gamma must be a finite number >= 0, got a symbol'));
  expect(opt.learningRate).toBe(0.1);
  expect(s.lastStep).toBe(0);
  s.lastStep = -1;
  expect(() => s.learningRateAt(-1)).toThrow(new RangeError('StepLR.learningRateAt: step must be an integer >= 0, got -1'));
  expect(() => s.step()).toThrow(RangeError);
});

test('a detached method is a TypeError saying how to call it', () => {
  const { step } = new Adam();
  expect(() => step([withGrad([1])])).toThrow(new TypeError('Optimizer.step: called on undefined, not on an optimizer (call it as optimizer.step(...))'));
  const { learningRateAt } = new StepLR(new SGD(), { stepSize: 1 });
  expect(() => learningRateAt(1)).toThrow(/LRScheduler\.learningRateAt: called on undefined/);
});
