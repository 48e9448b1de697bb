// stateDict / loadStateDict: a run resumed from a JSON checkpoint continues bit for bit
// as if it had never stopped.
import { MLArray, ShapeError } from '@smolml/core';
import {
  AdaGrad,
  Adam,
  AdamW,
  CosineAnnealingLR,
  type LRScheduler,
  LinearWarmup,
  type Optimizer,
  type OptimizerStateDict,
  RMSProp,
  SGD,
  SGDMomentum,
  StepLR,
} from '../src';
import { fixture } from './helpers';

type Make = () => { opt: Optimizer; sched: LRScheduler | null };

const setups: [string, Make, Make][] = [
  // [name, the original setup, a differently configured fresh one to load into]
  ['SGD', () => ({ opt: new SGD({ learningRate: 0.05, weightDecay: 0.01 }), sched: null }), () => ({ opt: new SGD(), sched: null })],
  [
    'SGDMomentum + StepLR',
    () => {
      const opt = new SGDMomentum({ learningRate: 0.03, nesterov: true });
      return { opt, sched: new StepLR(opt, { stepSize: 3, gamma: 0.5 }) };
    },
    () => {
      const opt = new SGDMomentum();
      return { opt, sched: new StepLR(opt, { stepSize: 3, gamma: 0.5 }) };
    },
  ],
  ['AdaGrad', () => ({ opt: new AdaGrad({ learningRate: 0.3, initialAccumulatorValue: 0.1 }), sched: null }), () => ({ opt: new AdaGrad(), sched: null })],
  [
    'Adam + LinearWarmup(CosineAnnealingLR)',
    () => {
      const opt = new Adam({ learningRate: 0.1, expDecayGradients: 0.8 });
      return { opt, sched: new LinearWarmup(new CosineAnnealingLR(opt, { tMax: 8 }), { warmupSteps: 4 }) };
    },
    () => {
      const opt = new Adam();
      return { opt, sched: new LinearWarmup(new CosineAnnealingLR(opt, { tMax: 8 }), { warmupSteps: 4 }) };
    },
  ],
  ['AdamW', () => ({ opt: new AdamW({ learningRate: 0.05, weightDecay: 0.2 }), sched: null }), () => ({ opt: new AdamW(), sched: null })],
  ['RMSProp centered momentum', () => ({ opt: new RMSProp({ learningRate: 0.02, momentum: 0.5, centered: true }), sched: null }), () => ({ opt: new RMSProp(), sched: null })],
];

const TOTAL = 12;
const STOP = 5;

/** The fixture's least-squares problem, with parameters given as plain numbers. */
function problem(w0: number[], b0: number[]): { params: MLArray[]; loss: () => MLArray } {
  const { X, y } = fixture.problem;
  const x = MLArray.from(X.data, X.shape, { requiresGrad: false });
  const t = MLArray.from(y.data, y.shape, { requiresGrad: false });
  const w = MLArray.from(w0, [3]);
  const b = MLArray.from(b0, [1]);
  return { params: [w, b], loss: () => x.matmul(w).add(b).sub(t).pow(2).mean() };
}

function run(params: MLArray[], loss: () => MLArray, opt: Optimizer, sched: LRScheduler | null, steps: number): void {
  for (let k = 0; k < steps; k++) {
    opt.zeroGrad(params);
    loss().backward();
    opt.step(params);
    sched?.step();
  }
}

describe.each(setups)('%s', (_name, makeOriginal, makeFresh) => {
  const start = { w: fixture.problem.w0.data, b: fixture.problem.b0.data };

  function uninterrupted(): number[] {
    const { params, loss } = problem(start.w, start.b);
    const { opt, sched } = makeOriginal();
    run(params, loss, opt, sched, TOTAL);
    return params.flatMap((p) => [...p.data]);
  }

  function checkpointAt(stop: number): string {
    const { params, loss } = problem(start.w, start.b);
    const { opt, sched } = makeOriginal();
    run(params, loss, opt, sched, stop);
    return JSON.stringify({ w: [...params[0].data], b: [...params[1].data], opt: opt.stateDict(), sched: sched?.stateDict() ?? null });
  }

  test('a run resumed from a JSON checkpoint is bit-identical to one never stopped', () => {
    const saved = JSON.parse(checkpointAt(STOP));
    const { params, loss } = problem(saved.w, saved.b);
    const { opt, sched } = makeFresh();
    opt.loadStateDict(saved.opt);
    if (sched !== null) sched.loadStateDict(saved.sched);
    run(params, loss, opt, sched, TOTAL - STOP);
    expect(params.flatMap((p) => [...p.data])).toEqual(uninterrupted());
  });

  test('loadStateDict(dict, params) binds the parameters at once', () => {
    const saved = JSON.parse(checkpointAt(STOP));
    const { params, loss } = problem(saved.w, saved.b);
    const { opt, sched } = makeFresh();
    opt.loadStateDict(saved.opt, params);
    if (sched !== null) sched.loadStateDict(saved.sched);
    run(params, loss, opt, sched, TOTAL - STOP);
    expect(params.flatMap((p) => [...p.data])).toEqual(uninterrupted());
  });

  test('stateDict → JSON → loadStateDict → stateDict is the identity, before and after binding', () => {
    const saved = JSON.parse(checkpointAt(STOP)).opt as OptimizerStateDict;
    const { opt } = makeFresh();
    opt.loadStateDict(saved);
    expect(opt.stateDict()).toEqual(saved);
    const { params } = problem([0, 0, 0], [0]);
    opt.loadStateDict(saved, params);
    expect(opt.stateDict()).toEqual(saved);
  });
});

test('the update form: entries are matched by name, whatever the order of the resumed calls', () => {
  const { X, y } = fixture.problem;
  const x = MLArray.from(X.data, X.shape, { requiresGrad: false });
  const t = MLArray.from(y.data, y.shape, { requiresGrad: false });
  type Layers = [{ weights: MLArray }, { biases: MLArray }];
  const makeLayers = (w: number[], b: number[]): Layers => [{ weights: MLArray.from(w, [3]) }, { biases: MLArray.from(b, [1]) }];
  const lossOf = (layers: Layers) => (): MLArray => x.matmul(layers[0].weights).add(layers[1].biases).sub(t).pow(2).mean();
  const stepAll = (opt: Optimizer, layers: Layers, reverse: boolean): void => {
    layers[0].weights.zeroGrad();
    layers[1].biases.zeroGrad();
    lossOf(layers)().backward();
    if (reverse) {
      opt.update(layers[1], 1, ['biases']);
      opt.update(layers[0], 0, ['weights']);
    } else {
      opt.update(layers[0], 0, ['weights']);
      opt.update(layers[1], 1, ['biases']);
    }
  };

  const straight = makeLayers(fixture.problem.w0.data, fixture.problem.b0.data);
  const opt1 = new Adam({ learningRate: 0.05 });
  for (let k = 0; k < TOTAL; k++) stepAll(opt1, straight, false);

  const first = makeLayers(fixture.problem.w0.data, fixture.problem.b0.data);
  const opt2 = new Adam({ learningRate: 0.05 });
  for (let k = 0; k < STOP; k++) stepAll(opt2, first, false);
  const saved = JSON.parse(JSON.stringify({ w: [...first[0].weights.data], b: [...first[1].biases.data], opt: opt2.stateDict() }));
  expect(saved.opt.state.map((s: { name: string }) => s.name)).toEqual(['0.weights', '1.biases']);

  const resumed = makeLayers(saved.w, saved.b);
  const opt3 = new Adam();
  opt3.loadStateDict(saved.opt);
  for (let k = STOP; k < TOTAL; k++) stepAll(opt3, resumed, true);
  expect([...resumed[0].weights.data, ...resumed[1].biases.data]).toEqual([...straight[0].weights.data, ...straight[1].biases.data]);
});

test('NaN, ±Infinity and -0 survive the JSON round trip', () => {
  const opt = new SGDMomentum();
  const p = new MLArray([1, 2, 3, 4]);
  p.sum().backward();
  opt.step([p]);
  const [velocity] = [...opt.stateArrays()];
  velocity.data.set([NaN, Infinity, -Infinity, -0]);
  const saved = JSON.parse(JSON.stringify(opt.stateDict()));
  expect(saved.state[0].buffers.velocity).toEqual(['NaN', 'Infinity', '-Infinity', '-0']);
  const other = new SGDMomentum();
  other.loadStateDict(saved);
  expect([...[...other.stateArrays()][0].data]).toEqual([NaN, Infinity, -Infinity, -0]);
});

describe('malformed state dicts throw and change nothing', () => {
  function trained(): { opt: Adam; dict: OptimizerStateDict; p: MLArray } {
    const opt = new Adam({ learningRate: 0.05 });
    const p = new MLArray([1, 2]);
    p.mul(p).sum().backward();
    opt.step([p]);
    return { opt, dict: JSON.parse(JSON.stringify(opt.stateDict())), p };
  }

  test.each<[string, (d: OptimizerStateDict) => unknown, RegExp]>([
    ['another optimizer', (d) => ({ ...d, optimizer: 'SGD' }), /belongs to SGD, not Adam/],
    ['missing options', (d) => ({ ...d, options: { learningRate: 0.1 } }), /expected options/],
    ['a bad option value', (d) => ({ ...d, options: { ...d.options, expDecaySquared: 1 } }), /expDecaySquared must be in \[0, 1\)/],
    ['state not an array', (d) => ({ ...d, state: {} }), /state must be an array/],
    ['a bad shape', (d) => ({ ...d, state: [{ ...d.state[0], shape: [-1] }] }), /shape must be an array of non-negative integers/],
    ['a bad step', (d) => ({ ...d, state: [{ ...d.state[0], step: 1.5 }] }), /step must be an integer >= 0/],
    ['an unknown buffer', (d) => ({ ...d, state: [{ ...d.state[0], buffers: { velocity: [0, 0] } }] }), /unknown buffer 'velocity' for Adam/],
    ['a short buffer', (d) => ({ ...d, state: [{ ...d.state[0], buffers: { expAvg: [0] } }] }), /expected an array of 2 numbers, got 1 values/],
    ['a non-number', (d) => ({ ...d, state: [{ ...d.state[0], buffers: { expAvg: [0, null] } }] }), /expAvg\[1\]: expected a number.*, got null/],
    ['duplicate names', (d) => ({ ...d, state: [{ ...d.state[0], name: 'a' }, { ...d.state[0], name: 'a' }] }), /'a' appears twice/],
  ])('%s', (_what, corrupt, message) => {
    const { opt, dict, p } = trained();
    const before = JSON.stringify(opt.stateDict());
    expect(() => opt.loadStateDict(corrupt(dict) as OptimizerStateDict)).toThrow(message);
    expect(JSON.stringify(opt.stateDict())).toBe(before);
    expect(opt.learningRate).toBe(0.05);
    expect(p.data.every(Number.isFinite)).toBe(true);
  });

  test('a shape mismatch is a ShapeError naming both shapes, at load with params or at the first step', () => {
    const { dict } = trained();
    const wrong = new MLArray([1, 2, 3]);
    expect(() => new Adam().loadStateDict(dict, [wrong])).toThrow(ShapeError);
    expect(() => new Adam().loadStateDict(dict, [wrong])).toThrow(/has shape \[2\] but its parameter has shape \[3\]/);
    const opt = new Adam();
    opt.loadStateDict(dict);
    wrong.sum().backward();
    expect(() => opt.step([wrong])).toThrow(ShapeError);
    expect([...wrong.data]).toEqual([1, 2, 3]);
  });

  test('a parameter count mismatch with params is a RangeError', () => {
    const { dict } = trained();
    expect(() => new Adam().loadStateDict(dict, [])).toThrow(/1 parameter states but 0 parameters/);
  });
});

test('parameters beyond the checkpoint start with fresh state', () => {
  const opt = new SGDMomentum({ learningRate: 0.1 });
  const a = new MLArray([1]);
  a.sum().backward();
  opt.step([a]);
  const dict = JSON.parse(JSON.stringify(opt.stateDict()));
  const resumed = new SGDMomentum();
  resumed.loadStateDict(dict);
  const a2 = new MLArray([1]);
  const extra = new MLArray([1]);
  a2.sum().backward();
  extra.sum().backward();
  resumed.step([a2, extra]);
  expect(a2.item()).toBeCloseTo(1 - 0.19, 15); // velocity 0.1 carried: v = 0.09 + 0.1
  expect(extra.item()).toBeCloseTo(0.9, 15);
});

describe('dtypes', () => {
  const f32 = (values: number[]): MLArray => MLArray.from(new Float32Array(values), [values.length]);
  const f64 = (values: number[]): MLArray => MLArray.from(new Float64Array(values), [values.length]);
  const grad = (p: MLArray, g: number[]): void => {
    p.zeroGrad();
    p.mul(MLArray.from(g, p.shape, { requiresGrad: false, dtype: p.dtype })).sum().backward();
  };

  test('state lives in the parameter\'s dtype and stateDict records it', () => {
    const opt = new RMSProp({ momentum: 0.5, centered: true });
    const a = f32([1, 2, 3]);
    const b = f64([4, 5]);
    grad(a, [0.1, 0.2, 0.3]);
    grad(b, [0.4, 0.5]);
    opt.step([a, b]);
    expect(a.data).toBeInstanceOf(Float32Array);
    const kinds = [...opt.stateArrays()].map((s) => [s.dtype, s.data.constructor.name, s.shape[0]]);
    expect(kinds).toEqual([
      ['float32', 'Float32Array', 3], ['float32', 'Float32Array', 3], ['float32', 'Float32Array', 3],
      ['float64', 'Float64Array', 2], ['float64', 'Float64Array', 2], ['float64', 'Float64Array', 2],
    ]);
    expect(opt.stateDict().state.map((s) => s.dtype)).toEqual(['float32', 'float64']);
  });

  test('a float32 run resumed from a JSON checkpoint is bit-identical to one never stopped', () => {
    const run = (opt: Adam, p: MLArray, from: number, to: number): void => {
      for (let k = from; k < to; k++) {
        grad(p, [Math.sin(k), Math.cos(k), 0.1 * k]);
        opt.step([p]);
      }
    };
    const straight = f32([1, -1, 0.5]);
    run(new Adam({ learningRate: 0.05 }), straight, 0, 10);
    const first = f32([1, -1, 0.5]);
    const opt = new Adam({ learningRate: 0.05 });
    run(opt, first, 0, 4);
    const saved = JSON.parse(JSON.stringify({ p: [...first.data], opt: opt.stateDict() }));
    const resumed = f32(saved.p);
    const opt2 = new Adam();
    opt2.loadStateDict(saved.opt, [resumed]);
    run(opt2, resumed, 4, 10);
    expect([...resumed.data]).toEqual([...straight.data]);
  });

  test('loading casts the state to the parameter\'s dtype, as PyTorch\'s load_state_dict does', () => {
    const src = new SGDMomentum();
    const p64 = f64([1, 2]);
    grad(p64, [0.1, 1 / 3]);
    src.step([p64]);
    const dict64 = JSON.parse(JSON.stringify(src.stateDict())) as OptimizerStateDict;
    expect(dict64.state[0].dtype).toBe('float64');
    const velocity64 = [...[...src.stateArrays()][0].data];

    // float64 state into a float32 parameter: rounded once.
    const into32 = new SGDMomentum();
    into32.loadStateDict(dict64, [f32([1, 2])]);
    const [v32] = [...into32.stateArrays()];
    expect(v32.data).toBeInstanceOf(Float32Array);
    expect([...v32.data]).toEqual(velocity64.map(Math.fround));
    expect(into32.stateDict().state[0].dtype).toBe('float32');

    // Matched lazily at the first step, too.
    const lazy = new SGDMomentum();
    lazy.loadStateDict(dict64);
    expect(lazy.stateDict().state[0].dtype).toBe('float64'); // unbound: as recorded
    const q = f32([1, 2]);
    grad(q, [0, 0]);
    lazy.step([q]);
    expect([...lazy.stateArrays()][0].data).toBeInstanceOf(Float32Array);

    // float32 state into a float64 parameter: widened exactly.
    const dict32 = into32.stateDict();
    const into64 = new SGDMomentum();
    into64.loadStateDict(dict32, [f64([1, 2])]);
    const [w64] = [...into64.stateArrays()];
    expect(w64.data).toBeInstanceOf(Float64Array);
    expect([...w64.data]).toEqual([...v32.data]);
  });

  test('a dict written by 0.1 (no dtype) reads as float64; a bad dtype is a TypeError that changes nothing', () => {
    const opt = new SGDMomentum();
    const p = f64([1, 2]);
    grad(p, [1, 1]);
    opt.step([p]);
    const dict = JSON.parse(JSON.stringify(opt.stateDict()));
    delete dict.state[0].dtype;
    const old = new SGDMomentum();
    old.loadStateDict(dict);
    expect(old.stateDict().state[0].dtype).toBe('float64');
    const bad = { ...dict, state: [{ ...dict.state[0], dtype: 'float16' }] };
    const before = JSON.stringify(old.stateDict());
    expect(() => old.loadStateDict(bad)).toThrow(TypeError);
    expect(() => old.loadStateDict(bad)).toThrow(`SGDMomentum.loadStateDict: state[0].dtype must be 'float64' or 'float32', got "float16"`);
    expect(JSON.stringify(old.stateDict())).toBe(before);
  });
});
