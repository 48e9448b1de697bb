// How optimizers treat their parameters: in place, per array, skipping missing
// gradients, and refusing bad input before changing anything.
import { MLArray, randn } from '@smolml/core';
import { AdaGrad, Adam, AdamW, type Optimizer, RMSProp, SGD, SGDMomentum } from '../src';

const all: [string, () => Optimizer][] = [
  ['SGD', () => new SGD({ learningRate: 0.1, weightDecay: 0.01 })],
  ['SGDMomentum', () => new SGDMomentum({ learningRate: 0.1, nesterov: true })],
  ['AdaGrad', () => new AdaGrad({ learningRate: 0.1 })],
  ['Adam', () => new Adam({ learningRate: 0.1 })],
  ['AdamW', () => new AdamW({ learningRate: 0.1 })],
  ['RMSProp', () => new RMSProp({ learningRate: 0.1, momentum: 0.5, centered: true })],
];

/** Sets p.grad to `g` (through backward of Σ g·p). */
function setGrad(p: MLArray, g: number[]): void {
  p.zeroGrad();
  p.mul(MLArray.from(g, p.shape, { requiresGrad: false })).sum().backward();
}

describe.each(all)('%s', (name, make) => {
  test('updates in place: the same arrays, new values', () => {
    const opt = make();
    const w = new MLArray([[1, -2], [3, 0.5]]);
    const data = w.data;
    setGrad(w, [0.5, -1, 2, 0.1]);
    opt.step([w]);
    expect(w.data).toBe(data);
    expect([...w.data]).not.toEqual([1, -2, 3, 0.5]);
    expect(w.data.every(Number.isFinite)).toBe(true);
  });

  test('a parameter without a gradient is skipped: unchanged, no NaN, no state', () => {
    const opt = make();
    const a = new MLArray([1, 2]);
    const noGrad = new MLArray([3, 4]);
    setGrad(a, [1, 1]);
    expect(noGrad.grad).toBeNull();
    opt.step([a, noGrad]);
    opt.step([a, noGrad]);
    expect([...noGrad.data]).toEqual([3, 4]);
    expect(opt.stateDict().state.map((s) => s.shape)).toEqual([[2]]);
    expect(opt.update({ noGrad }, 0, ['noGrad'])[0]).toBe(noGrad);
    expect([...noGrad.data]).toEqual([3, 4]);
  });

  test('update(obj, objIdx, names) updates in place and returns the arrays', () => {
    const opt = make();
    const layer = { weights: new MLArray([[1, 2]]), biases: new MLArray([0.5]) };
    setGrad(layer.weights, [1, -1]);
    setGrad(layer.biases, [2]);
    const [w, b] = opt.update(layer, 0, ['weights', 'biases']);
    expect(w).toBe(layer.weights);
    expect(b).toBe(layer.biases);
    expect(w.get(0, 0)).toBeLessThan(1);
    expect(b.item()).toBeLessThan(0.5);
    expect(opt.stateDict().state.map((s) => s.name)).toEqual(['0.weights', '0.biases']);
  });

  test('update and step on the same arrays share one state', () => {
    const a = new MLArray([1, -1, 2]);
    const b = new MLArray([1, -1, 2]);
    const opt1 = make();
    const opt2 = make();
    for (let k = 0; k < 4; k++) {
      setGrad(a, [0.3, -0.2, 0.1 * k]);
      setGrad(b, [0.3, -0.2, 0.1 * k]);
      if (k % 2 === 0) opt1.update({ a }, 'layer', ['a']);
      else opt1.step([a]);
      opt2.step([b]);
    }
    expect([...a.data]).toEqual([...b.data]);
  });

  test('zeroGrad zeroes every gradient', () => {
    const opt = make();
    const a = new MLArray([1, 2]);
    setGrad(a, [3, 4]);
    opt.zeroGrad([a]);
    expect([...(a.grad as MLArray).data]).toEqual([0, 0]);
  });

  test('a parameter listed twice in one call is refused before anything changes', () => {
    const opt = make();
    const a = new MLArray([1, 2]);
    setGrad(a, [1, 1]);
    expect(() => opt.step([a, a])).toThrow(/appears twice/);
    expect([...a.data]).toEqual([1, 2]);
  });

  test('a non-array parameter is a TypeError, and nothing changes', () => {
    const opt = make();
    const a = new MLArray([1, 2]);
    setGrad(a, [1, 1]);
    expect(() => opt.step([a, [1, 2] as never])).toThrow(TypeError);
    expect([...a.data]).toEqual([1, 2]);
    expect(() => opt.update({ a, w: 3 }, 0, ['a', 'w'])).toThrow(/obj\.w must be an MLArray, got 3/);
    expect([...a.data]).toEqual([1, 2]);
  });

  test("a non-leaf parameter is refused as PyTorch does, naming the optimizer and the position, before anything changes", () => {
    const opt = make();
    const a = new MLArray([1, 2]);
    setGrad(a, [1, 1]);
    const w = randn(3).mul(2); // a graph node: training it would train nothing
    w.sum().backward();
    expect(() => opt.step([a, w])).toThrow(TypeError);
    expect(() => opt.step([a, w])).toThrow(`${name}.step: can't optimize a non-leaf array: params[1] (it was computed by 'mul')`);
    expect(() => opt.update({ a, w }, 0, ['a', 'w'])).toThrow(`${name}.update: can't optimize a non-leaf array: obj.w`);
    expect(() => opt.zeroGrad([a, w])).toThrow(`${name}.zeroGrad: can't optimize a non-leaf array: params[1]`);
    expect(() => opt.loadStateDict({ ...opt.stateDict(), state: [] }, [w])).toThrow(`${name}.loadStateDict: can't optimize a non-leaf array: params[0]`);
    expect([...a.data]).toEqual([1, 2]);
    expect([...(a.grad as MLArray).data]).toEqual([1, 1]);
    expect(opt.stateDict().state).toEqual([]);
    w.restart(); // a leaf now, and accepted
    setGrad(w, [1, 1, 1]);
    const before = [...w.data];
    opt.step([a, w]);
    expect([...w.data]).not.toEqual(before);
  });

  test('step accepts any iterable, e.g. a Set or a generator', () => {
    const a = new MLArray([1, 2]);
    const b = new MLArray([1, 2]);
    setGrad(a, [1, -1]);
    setGrad(b, [1, -1]);
    make().step(new Set([a]));
    make().step((function* () { yield b; })());
    expect([...a.data]).toEqual([...b.data]);
  });

  test('stateArrays shares the storage the updates write, with requiresGrad false', () => {
    const opt = make();
    const a = new MLArray([1, 2, 3]);
    setGrad(a, [1, 2, 3]);
    opt.step([a]);
    const arrays = [...opt.stateArrays()];
    for (const s of arrays) {
      expect(s).toBeInstanceOf(MLArray);
      expect(s.requiresGrad).toBe(false);
      expect(s.shape).toEqual([3]);
    }
    const before = arrays.map((s) => [...s.data]);
    setGrad(a, [-1, 0.5, 2]);
    opt.step([a]);
    const after = [...opt.stateArrays()];
    after.forEach((s, i) => expect(s).toBe(arrays[i])); // the same objects, updated in place
    if (arrays.length > 0) expect(arrays.map((s) => [...s.data])).not.toEqual(before);
  });
});

test('stateArrays lists the documented buffers', () => {
  const count = (opt: Optimizer): number => {
    const a = new MLArray([1, 2]);
    const b = new MLArray([3]);
    setGrad(a, [1, 1]);
    setGrad(b, [1]);
    opt.step([a, b]);
    return [...opt.stateArrays()].length;
  };
  expect(count(new SGD())).toBe(0);
  expect(count(new SGDMomentum())).toBe(2); // velocity × 2 parameters
  expect(count(new AdaGrad())).toBe(2); // sumSquares
  expect(count(new Adam())).toBe(4); // expAvg, expAvgSq
  expect(count(new AdamW())).toBe(4);
  expect(count(new RMSProp())).toBe(2); // squareAvg
  expect(count(new RMSProp({ momentum: 0.9, centered: true }))).toBe(6);
});

test('state is per parameter array: same values in two arrays evolve independently of each other', () => {
  const opt = new SGDMomentum({ learningRate: 0.1 });
  const a = new MLArray([1]);
  const b = new MLArray([1]);
  setGrad(a, [1]);
  opt.step([a]);
  setGrad(a, [1]);
  setGrad(b, [1]);
  opt.step([a, b]);
  // a: v = 0.1, then 0.19 → 1 − 0.1 − 0.19; b: first step, v = 0.1.
  expect(a.item()).toBeCloseTo(1 - 0.1 - 0.19, 15);
  expect(b.item()).toBeCloseTo(0.9, 15);
});

test("Adam counts steps per parameter: a late parameter gets its own bias correction", () => {
  const early = new MLArray([1, 2]);
  const late = new MLArray([1, 2]);
  const fresh = new MLArray([1, 2]);
  const shared = new Adam({ learningRate: 0.1 });
  for (let k = 0; k < 5; k++) {
    setGrad(early, [0.5, -0.5]);
    shared.step([early]);
  }
  setGrad(late, [0.3, 0.7]);
  shared.step([late]);
  setGrad(fresh, [0.3, 0.7]);
  new Adam({ learningRate: 0.1 }).step([fresh]);
  expect([...late.data]).toEqual([...fresh.data]);
  // The first Adam step moves each element by α (m̂/√v̂ = sign(g)), whatever the scale.
  expect(late.data[0]).toBeCloseTo(1 - 0.1, 6);
  expect(shared.stateDict().state.map((s) => s.step)).toEqual([5, 1]);
});

test('update: a replaced array under the same name starts fresh, and its old state is dropped', () => {
  const opt = new SGDMomentum({ learningRate: 0.1 });
  const layer = { weights: new MLArray([1]) };
  setGrad(layer.weights, [1]);
  opt.update(layer, 0, ['weights']);
  layer.weights = new MLArray([1]);
  setGrad(layer.weights, [1]);
  opt.update(layer, 0, ['weights']);
  expect(layer.weights.item()).toBeCloseTo(0.9, 15); // no velocity carried over
  expect(opt.stateDict().state.length).toBe(1);
});

test('the same array under two names keeps one state and is updated once per call', () => {
  const opt = new SGD({ learningRate: 0.1 });
  const shared = new MLArray([1]);
  setGrad(shared, [1]);
  expect(() => opt.update({ a: shared, b: shared }, 0, ['a', 'b'])).toThrow(/appears twice/);
  expect(shared.item()).toBe(1);
});

test('SGD weightDecay adds λθ to the gradient; AdamW shrinks the weights before its step', () => {
  const p = new MLArray([2]);
  setGrad(p, [0]);
  new SGD({ learningRate: 0.1, weightDecay: 0.5 }).step([p]);
  expect(p.item()).toBeCloseTo(2 - 0.1 * 0.5 * 2, 15);
  const q = new MLArray([2]);
  setGrad(q, [0]);
  new AdamW({ learningRate: 0.1, weightDecay: 0.5 }).step([q]);
  // zero gradient: the Adam part moves nothing, the decay gives 2 · (1 − 0.05)
  expect(q.item()).toBe(2 * (1 - 0.1 * 0.5));
});

test('the Optimizer base can be extended with a custom rule', () => {
  class SignSGD extends SGD {
    override readonly name: string = 'SignSGD';
    protected override updateParameter(p: Float64Array, g: Float64Array): void {
      for (let i = 0; i < p.length; i++) p[i] -= this.learningRate * Math.sign(g[i]);
    }
  }
  const p = new MLArray([1, 1]);
  setGrad(p, [5, -0.01]);
  new SignSGD({ learningRate: 0.5 }).step([p]);
  expect([...p.data]).toEqual([0.5, 1.5]);
});

test('AdamW is Adam with the weight decay decoupled: one implementation, two decay forms', () => {
  const run = (opt: Optimizer): number[] => {
    const p = new MLArray([1, -2, 3]);
    for (let k = 0; k < 3; k++) {
      setGrad(p, [0.5, 0.25 * k, -1]);
      opt.step([p]);
    }
    return [...p.data];
  };
  expect(new AdamW()).toBeInstanceOf(Adam);
  // No decay: the same arithmetic, bit for bit.
  expect(run(new AdamW({ learningRate: 0.1, weightDecay: 0 }))).toEqual(run(new Adam({ learningRate: 0.1 })));
  // With decay the two forms differ: λθ in the gradient (Adam) is rescaled by Adam's step.
  expect(run(new AdamW({ learningRate: 0.1, weightDecay: 0.5 }))).not.toEqual(run(new Adam({ learningRate: 0.1, weightDecay: 0.5 })));
  expect(new AdamW().stateDict().optimizer).toBe('AdamW');
  expect(() => new Adam().loadStateDict(new AdamW().stateDict())).toThrow(/belongs to AdamW, not Adam/);
});
