// Shared pieces of the optimizer tests: the least-squares problem of the reference
// fixture, optimizer and schedule construction from the fixture's specs, and a
// tolerance check that names the worst element.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type DType, MLArray } from '@smolml/core';
import {
  AdaGrad,
  Adam,
  AdamW,
  CosineAnnealingLR,
  ExponentialLR,
  LRScheduler,
  LinearWarmup,
  type Optimizer,
  RMSProp,
  SGD,
  SGDMomentum,
  StepLR,
} from '../src';

export interface Tensor {
  shape: number[];
  data: number[];
}
export interface ScheduleSpec {
  type: string;
  options: Record<string, number>;
  after?: ScheduleSpec;
}
export interface TrajectoryCase {
  name: string;
  /** float32 fixture only: per step, the magnitudes the loss sums (see optimizers.py). */
  lossScale?: number[];
  /** float32 fixture only: per step and element, |p₀| + Σ|Δp| up to that step. */
  trajectoryScale?: number[][];
  reference: 'torch' | 'numpy';
  optimizer: string;
  options: Record<string, number | boolean>;
  schedule: ScheduleSpec | null;
  clip: { type: 'norm' | 'value'; max: number } | null;
  losses: number[];
  trajectory: number[][];
}
export interface NetworkCase {
  name: string;
  lossScale?: number[];
  trajectoryScale?: Record<'w1' | 'b1' | 'w2' | 'b2', number[]>[];
  network: true;
  x: Tensor;
  y: Tensor;
  init: Record<'w1' | 'b1' | 'w2' | 'b2', Tensor>;
  losses: number[];
  trajectory: Record<'w1' | 'b1' | 'w2' | 'b2', Tensor>[];
}
export interface Fixture {
  generator: string;
  problem: { X: Tensor; y: Tensor; w0: Tensor; b0: Tensor; steps: number };
  cases: (TrajectoryCase | NetworkCase)[];
}

const read = (name: string): Fixture => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8')) as Fixture;
/** torch float64 (and numpy) trajectories. */
export const fixture = read('optimizers-reference.json');
/** The same cases from torch float32 (numpy float32), inputs rounded to float32. */
export const fixture32 = read('optimizers-reference-f32.json');

export const leaf = (t: Tensor, dtype: DType = 'float64'): MLArray => MLArray.from(t.data, t.shape, { dtype });
export const constant = (t: Tensor, dtype: DType = 'float64'): MLArray => MLArray.from(t.data, t.shape, { requiresGrad: false, dtype });

/** The least-squares problem: loss = mean((X w + b − y)²), in `dtype`. */
export function leastSquares(dtype: DType = 'float64', f: Fixture = fixture): { w: MLArray; b: MLArray; loss: () => MLArray } {
  const { X, y, w0, b0 } = f.problem;
  const x = constant(X, dtype);
  const target = constant(y, dtype);
  const w = leaf(w0, dtype);
  const b = leaf(b0, dtype);
  return { w, b, loss: () => x.matmul(w).add(b).sub(target).pow(2).mean() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- constructors with different option types
const OPTIMIZERS: Record<string, new (o: any) => Optimizer> = { SGD, SGDMomentum, AdaGrad, Adam, AdamW, RMSProp };

export function makeOptimizer(name: string, options: object): Optimizer {
  return new OPTIMIZERS[name](options);
}

export function makeSchedule(opt: Optimizer, spec: ScheduleSpec): LRScheduler {
  const o = spec.options;
  switch (spec.type) {
    case 'StepLR':
      return new StepLR(opt, { stepSize: o.stepSize, gamma: o.gamma });
    case 'ExponentialLR':
      return new ExponentialLR(opt, { gamma: o.gamma });
    case 'CosineAnnealingLR':
      return new CosineAnnealingLR(opt, { tMax: o.tMax, minLearningRate: o.minLearningRate });
    case 'LinearWarmup':
      return new LinearWarmup(spec.after ? makeSchedule(opt, spec.after) : opt, { warmupSteps: o.warmupSteps, startFactor: o.startFactor });
    default:
      throw new Error(`unknown schedule ${spec.type}`);
  }
}

export const RTOL = 1e-9;
export const ATOL = 1e-12;

/** Throws, naming `what` and the worst element, unless |a − e| <= RTOL·|e| + ATOL everywhere. */
export function expectClose(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) - (RTOL * Math.abs(expected[i]) + ATOL);
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    throw new Error(`${what}: element ${worst} is ${actual[worst]}, expected ${expected[worst]} (rtol ${RTOL}, atol ${ATOL})`);
  }
}

/** The float32 tolerance: 1e-5 relative to the larger of |reference| and the magnitudes it sums. */
export const RTOL32 = 1e-5;

/** Throws, naming `what` and the worst element, unless |a − e| <= RTOL32 · max(|e|, scale) everywhere. */
export function expectClose32(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>, scale: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  expect(scale.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const bound = RTOL32 * Math.max(Math.abs(expected[i]), scale[i]);
    if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
      throw new Error(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]} (within ${bound}: 1e-5 of max(|ref|, scale ${scale[i]}))`);
    }
  }
}
