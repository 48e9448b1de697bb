// 25-step trajectories on a least-squares problem, compared with reference values from
// scripts/reference/optimizers.py: torch.optim where our formula is PyTorch's, numpy
// for the original SmolML momentum form and AdaGrad's ε inside the root.
import { MLArray } from '@smolml/core';
import { Adam, clipGradNorm, clipGradValue } from '../src';
import {
  type NetworkCase,
  type TrajectoryCase,
  constant,
  expectClose,
  fixture,
  leaf,
  leastSquares,
  makeOptimizer,
  makeSchedule,
} from './helpers';

const trajectories = fixture.cases.filter((c): c is TrajectoryCase => !('network' in c));
const network = fixture.cases.find((c): c is NetworkCase => 'network' in c) as NetworkCase;

test('the fixture holds every optimizer, schedule and clip', () => {
  const names = new Set(trajectories.map((c) => c.optimizer));
  expect([...names].sort()).toEqual(['AdaGrad', 'Adam', 'AdamW', 'RMSProp', 'SGD', 'SGDMomentum']);
  const schedules = new Set(trajectories.map((c) => c.schedule?.type).filter(Boolean));
  expect([...schedules].sort()).toEqual(['CosineAnnealingLR', 'ExponentialLR', 'LinearWarmup', 'StepLR']);
  expect(trajectories.filter((c) => c.clip !== null).length).toBe(2);
});

describe.each(trajectories)('$name (vs $reference)', (c) => {
  test(`${fixture.problem.steps} steps follow the reference within 1e-9`, () => {
    const { w, b, loss } = leastSquares();
    const opt = makeOptimizer(c.optimizer, c.options);
    const sched = c.schedule === null ? null : makeSchedule(opt, c.schedule);
    const params = [w, b];
    for (let k = 0; k < fixture.problem.steps; k++) {
      opt.zeroGrad(params);
      const l = loss();
      l.backward();
      if (c.clip?.type === 'norm') {
        const norm = clipGradNorm(params, c.clip.max);
        if (k === 0) expect(norm).toBeGreaterThan(c.clip.max); // the clip really acts
      }
      if (c.clip?.type === 'value') clipGradValue(params, c.clip.max);
      opt.step(params);
      sched?.step();
      expectClose(`loss before step ${k}`, [l.item()], [c.losses[k]]);
      expectClose(`parameters after step ${k}`, [...w.data, ...b.data], c.trajectory[k]);
    }
  });
});

describe(`${network.name}`, () => {
  const ORDER = ['w1', 'b1', 'w2', 'b2'] as const;
  type Layer = { weights: MLArray; biases: MLArray };

  function makeNetwork(): { layers: Layer[]; loss: () => MLArray } {
    const x = constant(network.x);
    const y = constant(network.y);
    const layers: Layer[] = [
      { weights: leaf(network.init.w1), biases: leaf(network.init.b1) },
      { weights: leaf(network.init.w2), biases: leaf(network.init.b2) },
    ];
    const loss = (): MLArray => {
      const h = x.matmul(layers[0].weights).add(layers[0].biases).tanh();
      return h.matmul(layers[1].weights).add(layers[1].biases).sub(y).pow(2).mean();
    };
    return { layers, loss };
  }

  const params = (layers: Layer[]): MLArray[] => layers.flatMap((l) => [l.weights, l.biases]);

  function train(form: 'step' | 'update'): number[][] {
    const { layers, loss } = makeNetwork();
    const opt = new Adam({ learningRate: 0.05 });
    const snapshots: number[][] = [];
    for (let k = 0; k < network.losses.length; k++) {
      opt.zeroGrad(params(layers));
      const l = loss();
      l.backward();
      if (form === 'step') opt.step(params(layers));
      else layers.forEach((layer, i) => opt.update(layer, i, ['weights', 'biases']));
      expectClose(`loss before step ${k}`, [l.item()], [network.losses[k]]);
      const flat = params(layers).flatMap((p) => [...p.data]);
      const expected = ORDER.flatMap((key) => network.trajectory[k][key].data);
      expectClose(`${form}: parameters after step ${k}`, flat, expected);
      snapshots.push(flat);
    }
    return snapshots;
  }

  test('one step over all parameters follows torch Adam', () => {
    train('step');
  });

  test('updating layer by layer follows torch Adam too', () => {
    train('update');
  });

  test('the two call forms give bit-identical trajectories', () => {
    expect(train('update')).toEqual(train('step'));
  });
});
