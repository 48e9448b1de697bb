// Plots for docs/memory.md, measured with @smolml/memory on real training steps of a
// 784→128→10 network (He-initialized, ReLU, MSE, Adam):
//   - where the bytes of one training step go, at batch 64;
//   - how the peak of a step grows with the batch size.
//   cd docs/examples && npx tsc -p tsconfig.json && node dist/plots/memory.js
// writes docs/images/memory-{training-step,batch-size}.svg.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MLArray, Rng, randn, zeros } from '@smolml/core';
import { HeInitialization } from '@smolml/initializers';
import { mseLoss } from '@smolml/losses';
import {
  type GraphSize,
  calculateGraphSize,
  calculateMLArraySize,
  calculateNeuralNetworkSize,
  formatSize,
} from '@smolml/memory';
import { Adam } from '@smolml/optimizers';
import { barChart, lineChart } from './svg';

const OUT = join(__dirname, '..', '..', '..', 'images');
const write = (name: string, svg: string): void => writeFileSync(join(OUT, `memory-${name}.svg`), svg);
const MB = 1024 * 1024;

interface Layer { weights: MLArray; biases: MLArray }
interface Model { layers: Layer[]; optimizer: Adam; lossFunction: typeof mseLoss }

function mlp(sizes: readonly number[], rng: Rng): Model {
  const layers: Layer[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push({ weights: HeInitialization.initialize([sizes[i], sizes[i + 1]], { rng }), biases: zeros(1, sizes[i + 1]) });
  }
  return { layers, optimizer: new Adam(), lossFunction: mseLoss };
}

function forward(model: Model, x: MLArray): MLArray {
  let h = x;
  model.layers.forEach((l, i) => {
    h = h.matmul(l.weights).add(l.biases);
    if (i < model.layers.length - 1) h = h.relu();
  });
  return h;
}

const params = (model: Model): MLArray[] => model.layers.flatMap((l) => [l.weights, l.biases]);

/**
 * One training step on a random batch. Returns the graph as it stands between forward
 * and backward: the activations are all there, and `pendingGradients` says what
 * backward() is about to add.
 */
function trainStep(model: Model, batch: number, rng: Rng): { graph: GraphSize; batchBytes: number } {
  const x = randn([batch, 784], { rng, requiresGrad: false });
  const y = randn([batch, 10], { rng, requiresGrad: false });
  const loss = model.lossFunction(forward(model, x), y);
  const graph = calculateGraphSize(loss);
  loss.backward();
  model.optimizer.step(params(model));
  return { graph, batchBytes: calculateMLArraySize(x) + calculateMLArraySize(y) };
}

const rng = new Rng(2024);
const model = mlp([784, 128, 10], rng);
trainStep(model, 64, rng); // the first step allocates the gradients and Adam's moments
const { graph, batchBytes } = trainStep(model, 64, rng);
const size = calculateNeuralNetworkSize(model);

const bars = [
  { label: 'parameters', value: size.breakdown.parameters },
  { label: 'gradients', value: size.breakdown.gradients },
  { label: 'Adam moments m, v', value: size.breakdown.optimizerState },
  { label: 'input batch x, y', value: batchBytes },
  { label: 'activations (forward)', value: graph.activations },
  { label: 'their gradients (backward)', value: graph.pendingGradients },
  { label: 'object overhead', value: size.breakdown.overhead },
];
write('training-step', barChart(bars, {
  title: 'One training step of a 784→128→10 MLP with Adam, batch 64',
  format: formatSize,
  width: 720,
}));
const peak = bars.reduce((s, b) => s + b.value, 0);
console.log(`batch 64: peak ${formatSize(peak)}`);
for (const b of bars) console.log(`  ${b.label.padEnd(28)} ${formatSize(b.value).padStart(10)}  ${((100 * b.value) / peak).toFixed(1)}%`);

// How the peak grows with the batch: the model's share is fixed, the graph's is linear.
const batches = [1, 16, 32, 64, 128, 256, 512];
const fixed: number[] = [], perBatch: number[] = [], total: number[] = [];
for (const b of batches) {
  const m = mlp([784, 128, 10], new Rng(7));
  trainStep(m, b, rng);
  const step = trainStep(m, b, rng);
  const modelBytes = calculateNeuralNetworkSize(m).total;
  const graphBytes = step.graph.activations + step.graph.pendingGradients + step.batchBytes;
  fixed.push(modelBytes / MB);
  perBatch.push(graphBytes / MB);
  total.push((modelBytes + graphBytes) / MB);
}
write('batch-size', lineChart([
  { label: 'peak of a training step', x: batches, y: total },
  { label: 'model: parameters, gradients, Adam state', x: batches, y: fixed, dashed: true },
  { label: 'batch: input, activations and their gradients', x: batches, y: perBatch, dashed: true },
], {
  title: 'Training-step memory of a 784→128→10 MLP with Adam',
  xLabel: 'batch size',
  yLabel: 'MB',
}));
console.log(`wrote ${OUT}/memory-{training-step,batch-size}.svg`);
