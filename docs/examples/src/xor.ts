// The optimizer comparison of the original SmolML: the same 2→32→1 network (ReLU, then
// tanh) learns XOR with SGD, SGDMomentum, AdaGrad and Adam, from the same starting
// weights, and their loss curves go into one SVG on a log scale.
//   node dist/xor.js [output.svg]      (default: docs/images/xor-optimizers.svg)
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MLArray, Rng } from '@smolml/core';
import { relu, tanh } from '@smolml/activations';
import { HeInitialization, XavierUniform } from '@smolml/initializers';
import { mseLoss } from '@smolml/losses';
import { AdaGrad, Adam, type Optimizer, SGD, SGDMomentum } from '@smolml/optimizers';
import { Dense } from './model/dense';
import { Sequential } from './model/sequential';
import { lineChart } from './plots/svg';

const STEPS = 300;
const LEARNING_RATE = 0.05;
const SEED = 1;

const x = new MLArray([[0, 0], [0, 1], [1, 0], [1, 1]], { requiresGrad: false });
const y = new MLArray([[0], [1], [1], [0]], { requiresGrad: false });

/** The XOR network, its weights drawn from a generator seeded the same for every optimizer. */
function xorNetwork(optimizer: Optimizer): Sequential {
  const rng = new Rng(SEED);
  return new Sequential(
    [
      new Dense(2, 32, { activation: relu, initializer: HeInitialization, rng }),
      new Dense(32, 1, { activation: tanh, initializer: XavierUniform, rng }),
    ],
    mseLoss,
    optimizer,
  );
}

const optimizers: [string, Optimizer][] = [
  ['SGD', new SGD({ learningRate: LEARNING_RATE })],
  ['SGDMomentum', new SGDMomentum({ learningRate: LEARNING_RATE })],
  ['AdaGrad', new AdaGrad({ learningRate: LEARNING_RATE })],
  ['Adam', new Adam({ learningRate: LEARNING_RATE })],
];

const steps = Array.from({ length: STEPS }, (_, i) => i + 1);
const curves = optimizers.map(([label, optimizer]) => {
  const model = xorNetwork(optimizer);
  const losses = steps.map(() => model.trainStep(x, y).loss);
  const out = model.predict(x).data;
  console.log(`${label.padEnd(12)} loss ${losses[0].toFixed(4)} → ${losses[STEPS - 1].toExponential(2)}   outputs ${Array.from(out, (v) => v.toFixed(3)).join(' ')}`);
  return { label, x: steps, y: losses };
});

const file = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'images', 'xor-optimizers.svg'));
writeFileSync(
  file,
  lineChart(curves, {
    title: `XOR, 2→32→1 (ReLU, tanh), MSE, learning rate ${LEARNING_RATE}`,
    xLabel: 'step (full batch of 4)',
    yLabel: 'loss (log scale)',
    logY: true,
    legend: 'bottom-left',
  }),
);
console.log(`loss curves: ${file}`);
