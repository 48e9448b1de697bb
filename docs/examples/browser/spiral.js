/* global document, window, performance, location, URLSearchParams */
// Trains a small network on a 2-D spiral (three interleaved arms, one per class) in
// the browser, with all six SmolML packages loaded as native ES modules. It prints the
// loss as it goes and leaves the numbers on `window.smolml` for the browser test.
import { MLArray, Rng, zeros, noGrad, setDefaultDType } from '@smolml/core';
import { relu, softmax } from '@smolml/activations';
import { HeInitialization, XavierUniform } from '@smolml/initializers';
import { categoricalCrossEntropy } from '@smolml/losses';
import { Adam } from '@smolml/optimizers';
import { calculateNeuralNetworkSize, formatSize } from '@smolml/memory';

const CLASSES = 3, PER_CLASS = 100, HIDDEN = 32, STEPS = 60;
// ?dtype=float32 trains the same network in float32 (every array takes the default dtype).
const dtype = new URLSearchParams(location.search).get('dtype') === 'float32' ? 'float32' : 'float64';
setDefaultDType(dtype);
const rng = new Rng(42);
const log = document.getElementById('log');
const lines = [];
const print = (line) => {
  lines.push(line);
  log.textContent = lines.join('\n');
};

// The spiral: arm k sweeps the angle from 4k to 4(k + 1) radians as the radius grows.
const points = new Float64Array(CLASSES * PER_CLASS * 2);
const onehot = new Float64Array(CLASSES * PER_CLASS * CLASSES);
for (let k = 0; k < CLASSES; k++) {
  for (let i = 0; i < PER_CLASS; i++) {
    const n = k * PER_CLASS + i;
    const r = i / (PER_CLASS - 1);
    const t = 4 * k + (4 * i) / (PER_CLASS - 1) + rng.normal(0, 0.2);
    points[2 * n] = r * Math.sin(t);
    points[2 * n + 1] = r * Math.cos(t);
    onehot[n * CLASSES + k] = 1;
  }
}
const x = MLArray.from(points, [CLASSES * PER_CLASS, 2], { requiresGrad: false, dtype });
const y = MLArray.from(onehot, [CLASSES * PER_CLASS, CLASSES], { requiresGrad: false, dtype });

const model = {
  layers: [
    { weights: HeInitialization.initialize([2, HIDDEN], { rng }), biases: zeros(1, HIDDEN) },
    { weights: XavierUniform.initialize([HIDDEN, CLASSES], { rng }), biases: zeros(1, CLASSES) },
  ],
  optimizer: new Adam({ learningRate: 0.05 }),
};
const params = model.layers.flatMap((l) => [l.weights, l.biases]);
const forward = (input) => {
  const [l1, l2] = model.layers;
  const hidden = relu(input.matmul(l1.weights).add(l1.biases));
  return softmax(hidden.matmul(l2.weights).add(l2.biases));
};

const losses = [];
const started = performance.now();
for (let step = 1; step <= STEPS; step++) {
  const loss = categoricalCrossEntropy(forward(x), y);
  loss.backward();
  model.optimizer.step(params);
  for (const p of params) p.zeroGrad();
  losses.push(loss.item());
  if (step === 1 || step % 10 === 0) print(`step ${String(step).padStart(3)}  loss ${loss.item().toFixed(4)}`);
}
const seconds = (performance.now() - started) / 1000;

const predicted = noGrad(() => forward(x)).argmax(-1).data;
let right = 0;
for (let n = 0; n < predicted.length; n++) if (onehot[n * CLASSES + predicted[n]] === 1) right++;
const accuracy = right / predicted.length;
print(`accuracy ${accuracy.toFixed(4)} after ${STEPS} steps in ${seconds.toFixed(2)} s`);
print(`model and optimizer: ${formatSize(calculateNeuralNetworkSize(model).total)}`);

window.smolml = { losses, accuracy, seconds, dtype: x.dtype, weightsDType: model.layers[0].weights.dtype };
document.body.dataset.done = 'true';
