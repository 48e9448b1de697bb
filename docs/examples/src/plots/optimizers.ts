// Plots for docs/optimizers.md, made with the library itself:
//   - each optimizer's path through the Rosenbrock valley, and its loss along the way;
//   - loss curves of a small network fitting a curve;
//   - the learning-rate schedules.
//   cd docs/examples && npx tsc -p tsconfig.json && node dist/plots/optimizers.js
// writes docs/images/optimizers-{rosenbrock-path,rosenbrock-loss,mlp-loss,schedules}.svg.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MLArray, Rng, noGrad } from '@smolml/core';
import { XavierNormal, Zeros } from '@smolml/initializers';
import {
  AdaGrad,
  Adam,
  AdamW,
  CosineAnnealingLR,
  ExponentialLR,
  LinearWarmup,
  type Optimizer,
  RMSProp,
  SGD,
  SGDMomentum,
  StepLR,
} from '@smolml/optimizers';
import { OPTIMIZER_COLORS, type OptimizerKind, REFERENCE_COLOR } from './colors';
import { type Series, lineChart } from './svg';

const OUT = join(__dirname, '..', '..', '..', 'images');
const write = (name: string, svg: string): void => writeFileSync(join(OUT, `optimizers-${name}.svg`), svg);

/**
 * The first `keep` elements of xs, then every `every`-th, and the last one: keeps the
 * SVGs small without hiding what happens early.
 */
function thin<T>(xs: readonly T[], every: number, keep = 0): T[] {
  const out = xs.filter((_, i) => i < keep || i % every === 0);
  if ((xs.length - 1) % every !== 0) out.push(xs[xs.length - 1]);
  return out;
}

// ---------------------------------------------------------------- Rosenbrock valley
// f(x, y) = (1 − x)² + 100 (y − x²)²: a long curved valley along y = x², minimum at (1, 1).
// Steep walls and a nearly flat floor: the classic trap for plain gradient descent.
const ROSENBROCK_STEPS = 3000;
// [kind (its colour in every chart), label, optimizer]
const rosenbrockRuns: [OptimizerKind, string, () => Optimizer][] = [
  ['SGD', 'SGD (α 0.001)', () => new SGD({ learningRate: 1e-3 })],
  ['SGDMomentum', 'SGDMomentum (α 0.001, β 0.9)', () => new SGDMomentum({ learningRate: 1e-3 })],
  ['Nesterov', 'Nesterov (α 0.001, β 0.9)', () => new SGDMomentum({ learningRate: 1e-3, nesterov: true })],
  ['AdaGrad', 'AdaGrad (α 0.3)', () => new AdaGrad({ learningRate: 0.3 })],
  ['RMSProp', 'RMSProp (α 0.003)', () => new RMSProp({ learningRate: 3e-3 })],
  ['Adam', 'Adam (α 0.03)', () => new Adam({ learningRate: 0.03 })],
];

interface Path {
  label: string;
  color: string;
  xs: number[];
  ys: number[];
  losses: number[];
}

function rosenbrockPath(label: string, color: string, optimizer: Optimizer): Path {
  const x = new MLArray([-1.2]);
  const y = new MLArray([1]);
  const params = [x, y];
  const path: Path = { label, color, xs: [x.item()], ys: [y.item()], losses: [] };
  for (let k = 0; k < ROSENBROCK_STEPS; k++) {
    optimizer.zeroGrad(params);
    const loss = x.neg().add(1).pow(2).add(y.sub(x.pow(2)).pow(2).mul(100));
    loss.backward();
    optimizer.step(params);
    path.losses.push(loss.item());
    path.xs.push(x.item());
    path.ys.push(y.item());
  }
  return path;
}

const paths = rosenbrockRuns.map(([kind, label, make]) => rosenbrockPath(label, OPTIMIZER_COLORS[kind], make()));
for (const p of paths) {
  const n = p.xs.length - 1;
  console.log(`${p.label.padEnd(30)} ends at (${p.xs[n].toFixed(4)}, ${p.ys[n].toFixed(4)}), loss ${p.losses[p.losses.length - 1].toExponential(2)}`);
}

const floor = Array.from({ length: 61 }, (_, i) => -1.5 + i * 0.05);
write(
  'rosenbrock-path',
  lineChart(
    [
      { label: 'valley floor y = x² (minimum at 1, 1)', x: floor, y: floor.map((v) => v * v), dashed: true, color: REFERENCE_COLOR },
      ...paths.map((p): Series => ({ label: p.label, color: p.color, x: thin(p.xs, 10, 300), y: thin(p.ys, 10, 300) })),
    ],
    { title: `Paths through the Rosenbrock valley from (−1.2, 1), ${ROSENBROCK_STEPS} steps`, xLabel: 'x', yLabel: 'y', yRange: [-0.5, 2.5], height: 460 },
  ),
);
const steps = Array.from({ length: ROSENBROCK_STEPS }, (_, i) => i);
write(
  'rosenbrock-loss',
  lineChart(
    paths.map((p): Series => ({ label: p.label, color: p.color, x: thin(steps, 10), y: thin(p.losses, 10) })),
    { title: 'Rosenbrock loss along each path', xLabel: 'step', yLabel: 'f(x, y) (log scale)', logY: true, height: 460, legend: 'bottom-left' },
  ),
);

// ---------------------------------------------------------------- a small network
// A 1 → 32 → 1 tanh network fitting y = sin(3x) on 64 points, full batch. Every run
// starts from the same weights; each optimizer has a learning rate that suits it.
const MLP_STEPS = 1000;
const xs = Array.from({ length: 64 }, (_, i) => -1 + (2 * i) / 63);
const X = new MLArray(xs.map((v) => [v]), { requiresGrad: false });
const Y = new MLArray(xs.map((v) => [Math.sin(3 * v)]), { requiresGrad: false });

const mlpRuns: [OptimizerKind, string, () => Optimizer][] = [
  ['SGD', 'SGD (α 0.1)', () => new SGD({ learningRate: 0.1 })],
  ['SGDMomentum', 'SGDMomentum (α 0.1, β 0.9)', () => new SGDMomentum({ learningRate: 0.1 })],
  ['AdaGrad', 'AdaGrad (α 0.05)', () => new AdaGrad({ learningRate: 0.05 })],
  ['RMSProp', 'RMSProp (α 0.003)', () => new RMSProp({ learningRate: 3e-3 })],
  ['Adam', 'Adam (α 0.01)', () => new Adam({ learningRate: 0.01 })],
  ['AdamW', 'AdamW (α 0.01, λ 0.01)', () => new AdamW({ learningRate: 0.01 })],
];

function mlpLosses(optimizer: Optimizer): number[] {
  const rng = new Rng(7);
  const w1 = XavierNormal.initialize([1, 32], { rng });
  const b1 = Zeros.initialize(32);
  const w2 = XavierNormal.initialize([32, 1], { rng });
  const b2 = Zeros.initialize(1);
  const params = [w1, b1, w2, b2];
  const losses: number[] = [];
  for (let k = 0; k < MLP_STEPS; k++) {
    optimizer.zeroGrad(params);
    const out = X.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
    const loss = out.sub(Y).pow(2).mean();
    loss.backward();
    optimizer.step(params);
    losses.push(loss.item());
  }
  const final = noGrad(() => X.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sub(Y).pow(2).mean().item());
  losses.push(final);
  return losses;
}

const mlpSteps = Array.from({ length: MLP_STEPS + 1 }, (_, i) => i);
const mlp = mlpRuns.map(([kind, label, make]): Series => {
  const losses = mlpLosses(make());
  console.log(`${label.padEnd(30)} loss ${losses[0].toExponential(2)} → ${losses[MLP_STEPS].toExponential(2)}`);
  return { label, color: OPTIMIZER_COLORS[kind], x: thin(mlpSteps, 5), y: thin(losses, 5) };
});
write(
  'mlp-loss',
  lineChart(mlp, {
    title: 'A 1 → 32 → 1 tanh network fitting sin(3x): training loss',
    xLabel: 'step',
    yLabel: 'mean squared error (log scale)',
    logY: true,
    height: 460,
  }),
);

// ---------------------------------------------------------------- schedules
const SCHEDULE_STEPS = 100;
const schedules: [string, (o: Optimizer) => { step(): number }][] = [
  ['StepLR (every 30, γ 0.5)', (o) => new StepLR(o, { stepSize: 30, gamma: 0.5 })],
  ['ExponentialLR (γ 0.97)', (o) => new ExponentialLR(o, { gamma: 0.97 })],
  ['CosineAnnealingLR (tMax 100)', (o) => new CosineAnnealingLR(o, { tMax: 100 })],
  ['LinearWarmup (10) → CosineAnnealingLR (90)', (o) => new LinearWarmup(new CosineAnnealingLR(o, { tMax: 90 }), { warmupSteps: 10 })],
];
const scheduleSeries = schedules.map(([label, make]): Series => {
  const opt = new Adam({ learningRate: 0.01 });
  const sched = make(opt);
  const rates = [opt.learningRate];
  for (let k = 1; k <= SCHEDULE_STEPS; k++) rates.push(sched.step());
  return { label, x: Array.from({ length: SCHEDULE_STEPS + 1 }, (_, i) => i), y: rates };
});
write(
  'schedules',
  lineChart(scheduleSeries, { title: 'Learning-rate schedules from a base rate of 0.01', xLabel: 'scheduler step', yLabel: 'learning rate' }),
);
console.log(`wrote ${OUT}/optimizers-{rosenbrock-path,rosenbrock-loss,mlp-loss,schedules}.svg`);
