// Learning-rate schedules: closed-form rates written into any optimizer's learningRate.
import { MLArray } from '@smolml/core';
import { Adam, CosineAnnealingLR, ExponentialLR, LinearWarmup, RMSProp, SGD, SGDMomentum, StepLR } from '../src';

/** The rates after 0, 1, …, n − 1 calls of step(). */
function rates(sched: { step(): number; optimizer: { learningRate: number } }, n: number): number[] {
  const out = [sched.optimizer.learningRate];
  for (let k = 1; k < n; k++) out.push(sched.step());
  return out;
}

test('StepLR: α₀ · γ^⌊t / stepSize⌋', () => {
  const opt = new SGD({ learningRate: 0.8 });
  const r = rates(new StepLR(opt, { stepSize: 3, gamma: 0.5 }), 8);
  expect(r).toEqual([0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2]);
  expect(opt.learningRate).toBe(0.2);
});

test('StepLR gamma defaults to 0.1', () => {
  const r = rates(new StepLR(new SGD({ learningRate: 1 }), { stepSize: 1 }), 3);
  expect(r).toEqual([1, 0.1, 1 * 0.1 ** 2]);
});

test('ExponentialLR: α₀ · γ^t', () => {
  const r = rates(new ExponentialLR(new Adam({ learningRate: 0.1 }), { gamma: 0.9 }), 5);
  expect(r).toEqual([0, 1, 2, 3, 4].map((t) => 0.1 * 0.9 ** t));
});

test('CosineAnnealingLR: half a cosine down to the minimum, then held', () => {
  const r = rates(new CosineAnnealingLR(new SGD({ learningRate: 1 }), { tMax: 4, minLearningRate: 0.2 }), 7);
  const expected = [0, 1, 2, 3, 4, 4, 4].map((t) => 0.2 + (0.8 * (1 + Math.cos((Math.PI * t) / 4))) / 2);
  expect(r).toEqual(expected);
  expect(r[2]).toBeCloseTo(0.6, 15); // midway: the mean of both ends
  expect(r[6]).toBeCloseTo(0.2, 15);
});

test('LinearWarmup sets the step-0 rate at once, ramps up, then holds the base', () => {
  const opt = new Adam({ learningRate: 0.1 });
  const sched = new LinearWarmup(opt, { warmupSteps: 4 });
  expect(opt.learningRate).toBe(0);
  expect([opt.learningRate, sched.step(), sched.step(), sched.step(), sched.step(), sched.step()]).toEqual([0, 0.025, 0.05, 0.1 * 0.75, 0.1, 0.1]);
});

test('LinearWarmup with startFactor and a schedule after it', () => {
  const opt = new SGDMomentum({ learningRate: 1 });
  const cosine = new CosineAnnealingLR(opt, { tMax: 2 });
  const sched = new LinearWarmup(cosine, { warmupSteps: 2, startFactor: 0.5 });
  expect(rates(sched, 6)).toEqual([0.5, 0.75, 1, 0.5, 0, 0].map((x, i) => (i === 3 ? cosine.learningRateAt(1) : x)));
  expect(cosine.lastStep).toBe(3);
  expect(sched.lastStep).toBe(5);
});

test('a schedule drives any optimizer, and the optimizer uses the new rate at its next step', () => {
  const opt = new RMSProp({ learningRate: 0.1 });
  const sched = new StepLR(opt, { stepSize: 1, gamma: 0 });
  sched.step();
  const p = new MLArray([1, 2]);
  p.sum().backward();
  opt.step([p]);
  expect([...p.data]).toEqual([1, 2]); // rate 0: no movement
});

test('scheduler stateDict round-trips through JSON and resumes the same rates', () => {
  const a = new StepLR(new SGD({ learningRate: 0.3 }), { stepSize: 2, gamma: 0.5 });
  for (let k = 0; k < 3; k++) a.step();
  const saved = JSON.parse(JSON.stringify(a.stateDict()));
  expect(saved).toEqual({ scheduler: 'StepLR', baseLearningRate: 0.3, lastStep: 3 });
  const opt = new SGD();
  const b = new StepLR(opt, { stepSize: 2, gamma: 0.5 });
  b.loadStateDict(saved);
  expect(opt.learningRate).toBe(a.optimizer.learningRate);
  expect([b.step(), b.step()]).toEqual([a.step(), a.step()]);
});

test('scheduler loadStateDict refuses another schedule or bad numbers', () => {
  const s = new ExponentialLR(new SGD(), { gamma: 0.9 });
  expect(() => s.loadStateDict({ scheduler: 'StepLR', baseLearningRate: 0.1, lastStep: 0 })).toThrow(/expected a ExponentialLR state dict, got StepLR/);
  expect(() => s.loadStateDict({ scheduler: 'ExponentialLR', baseLearningRate: 0.1, lastStep: -1 })).toThrow(/lastStep must be an integer >= 0/);
  expect(() => s.loadStateDict({ scheduler: 'ExponentialLR', baseLearningRate: NaN, lastStep: 0 })).toThrow(/baseLearningRate must be a finite number >= 0/);
});

test.each([
  ['StepLR stepSize 0', () => new StepLR(new SGD(), { stepSize: 0 }), /stepSize must be a positive integer/],
  ['StepLR stepSize 1.5', () => new StepLR(new SGD(), { stepSize: 1.5 }), /stepSize must be a positive integer/],
  ['StepLR gamma -1', () => new StepLR(new SGD(), { stepSize: 1, gamma: -1 }), /gamma must be a finite number >= 0/],
  ['ExponentialLR gamma 0', () => new ExponentialLR(new SGD(), { gamma: 0 }), /gamma must be a finite number > 0/],
  ['CosineAnnealingLR tMax 0', () => new CosineAnnealingLR(new SGD(), { tMax: 0 }), /tMax must be a positive integer/],
  ['CosineAnnealingLR min -1', () => new CosineAnnealingLR(new SGD(), { tMax: 5, minLearningRate: -1 }), /minLearningRate must be a finite number >= 0/],
  ['LinearWarmup warmupSteps 0', () => new LinearWarmup(new SGD(), { warmupSteps: 0 }), /warmupSteps must be a positive integer/],
  ['LinearWarmup startFactor 2', () => new LinearWarmup(new SGD(), { warmupSteps: 3, startFactor: 2 }), /startFactor must be in \[0, 1\]/],
  ['unknown option', () => new StepLR(new SGD(), { stepSize: 1, step_size: 2 } as never), /unknown option 'step_size'/],
  ['not an optimizer', () => new ExponentialLR({ learningRate: 0.1 } as never, { gamma: 0.5 }), /expected an Optimizer/],
])('%s throws', (_what, make, message) => {
  expect(make).toThrow(message);
});
