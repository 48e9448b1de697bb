// The reference trajectories again in float32: parameters, gradients and optimizer state
// all float32, compared with torch float32 (numpy float32 for our own forms) from
// scripts/reference/optimizers.py at 1e-5 relative to max(|reference|, the magnitudes
// it sums). Our kernels compute in double and round once on store, so they stay at
// least as exact as torch's float32 arithmetic.
import { type MLArray } from '@smolml/core';
import { Adam, clipGradNorm, clipGradValue } from '../src';
import { type NetworkCase, type TrajectoryCase, constant, expectClose32, fixture, fixture32, leaf, leastSquares, makeOptimizer, makeSchedule } from './helpers';

const trajectories = fixture32.cases.filter((c): c is TrajectoryCase => !('network' in c));
const network = fixture32.cases.find((c): c is NetworkCase => 'network' in c) as NetworkCase;

test('the float32 fixture holds every case of the float64 one, with scales', () => {
  expect(fixture32.generator).toMatch(/\(float32\)$/);
  expect(fixture32.cases.map((c) => c.name)).toEqual(fixture.cases.map((c) => c.name));
  for (const c of trajectories) {
    expect(c.lossScale).toHaveLength(fixture32.problem.steps);
    expect(c.trajectoryScale).toHaveLength(fixture32.problem.steps);
  }
  // The inputs are float32 values.
  for (const v of fixture32.problem.X.data) expect(Math.fround(v)).toBe(v);
});

describe.each(trajectories)('float32 $name (vs $reference float32)', (c) => {
  test(`${fixture32.problem.steps} steps follow the reference within 1e-5`, () => {
    const { w, b, loss } = leastSquares('float32', fixture32);
    const opt = makeOptimizer(c.optimizer, c.options);
    const sched = c.schedule === null ? null : makeSchedule(opt, c.schedule);
    const params = [w, b];
    for (let k = 0; k < fixture32.problem.steps; k++) {
      opt.zeroGrad(params);
      const l = loss();
      expect(l.dtype).toBe('float32');
      l.backward();
      if (c.clip?.type === 'norm') clipGradNorm(params, c.clip.max);
      if (c.clip?.type === 'value') clipGradValue(params, c.clip.max);
      opt.step(params);
      sched?.step();
      expectClose32(`loss before step ${k}`, [l.item()], [c.losses[k]], [(c.lossScale as number[])[k]]);
      expectClose32(`parameters after step ${k}`, [...w.data, ...b.data], c.trajectory[k], (c.trajectoryScale as number[][])[k]);
    }
    expect(w.data).toBeInstanceOf(Float32Array);
    for (const s of opt.stateArrays()) expect(s.data).toBeInstanceOf(Float32Array);
    for (const s of opt.stateDict().state) expect(s.dtype).toBe('float32');
  });
});

test(`${network.name} in float32, both call forms`, () => {
  const ORDER = ['w1', 'b1', 'w2', 'b2'] as const;
  for (const form of ['step', 'update'] as const) {
    const x = constant(network.x, 'float32');
    const y = constant(network.y, 'float32');
    const layers = [
      { weights: leaf(network.init.w1, 'float32'), biases: leaf(network.init.b1, 'float32') },
      { weights: leaf(network.init.w2, 'float32'), biases: leaf(network.init.b2, 'float32') },
    ];
    const params = (): MLArray[] => layers.flatMap((l) => [l.weights, l.biases]);
    const opt = new Adam({ learningRate: 0.05 });
    for (let k = 0; k < network.losses.length; k++) {
      opt.zeroGrad(params());
      const h = x.matmul(layers[0].weights).add(layers[0].biases).tanh();
      const l = h.matmul(layers[1].weights).add(layers[1].biases).sub(y).pow(2).mean();
      l.backward();
      if (form === 'step') opt.step(params());
      else layers.forEach((layer, i) => opt.update(layer, i, ['weights', 'biases']));
      expectClose32(`${form}: loss before step ${k}`, [l.item()], [network.losses[k]], [(network.lossScale as number[])[k]]);
      const scale = (network.trajectoryScale as NonNullable<NetworkCase['trajectoryScale']>)[k];
      expectClose32(
        `${form}: parameters after step ${k}`,
        params().flatMap((p) => [...p.data]),
        ORDER.flatMap((key) => network.trajectory[k][key].data),
        ORDER.flatMap((key) => scale[key]),
      );
    }
  }
});
