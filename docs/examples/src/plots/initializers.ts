// Plots for docs/initializers.md: how the spread of activations evolves through a deep
// stack of layers, for each initializer, with ReLU and with tanh.
//   cd docs/examples && npx tsc -p tsconfig.json && node dist/plots/initializers.js
// writes docs/images/initializers-variance-relu.svg and initializers-variance-tanh.svg.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MLArray, Rng, noGrad, randn } from '@smolml/core';
import {
  HeInitialization,
  HeUniform,
  type Initializer,
  type InitializerOptions,
  Orthogonal,
  RandomUniform,
  TruncatedNormal,
  XavierNormal,
  XavierUniform,
  calculateGain,
} from '@smolml/initializers';
import { type Series, lineChart } from './svg';

const WIDTH = 256; // units per layer
const BATCH = 512; // inputs pushed through the stack
const DEPTH = 10;
const OUT = join(__dirname, '..', '..', '..', 'images');

type Draw = (dims: number[], rng: Rng) => MLArray;
const init = (i: Initializer, options: InitializerOptions = {}): Draw => (dims, rng) => i.initialize(dims, { ...options, rng, requiresGrad: false });

// [label, draw, dashed]. LeCunNormal is left out: on square layers fanIn = fanOut, so it
// draws exactly what XavierNormal draws.
const COMMON: [string, Draw, boolean][] = [
  ['RandomUniform (limit 1)', init(RandomUniform), false],
  ['XavierNormal (= LeCunNormal here)', init(XavierNormal), false],
  ['XavierUniform', init(XavierUniform), true],
  ['HeInitialization', init(HeInitialization), false],
  ['HeUniform', init(HeUniform), true],
  ['Orthogonal', init(Orthogonal), false],
  ['TruncatedNormal (std 0.05)', init(TruncatedNormal), false],
];

/** Population variance of all elements. */
function variance(a: MLArray): number {
  const s = a.std().item();
  return s * s;
}

/** The variance of the input and of each layer's output, for one initializer and activation. */
function variances(draw: Draw, activation: (h: MLArray) => MLArray): number[] {
  const rng = new Rng(2024);
  return noGrad(() => {
    let h = randn([BATCH, WIDTH], { rng });
    const out = [variance(h)];
    for (let layer = 0; layer < DEPTH; layer++) {
      const w = draw([WIDTH, WIDTH], rng);
      h = activation(h.matmul(w));
      out.push(variance(h));
    }
    return out;
  });
}

const layers = Array.from({ length: DEPTH + 1 }, (_, i) => i);
// Each chart adds the gain that repairs a fan-scaled initializer for its activation.
const charts: [string, string, (h: MLArray) => MLArray, [string, Draw, boolean]][] = [
  ['relu', 'ReLU', (h) => h.relu(), ['Orthogonal, gain √2', init(Orthogonal, { gain: calculateGain('relu') }), true]],
  ['tanh', 'tanh', (h) => h.tanh(), ['XavierNormal, gain 5/3', init(XavierNormal, { gain: calculateGain('tanh') }), true]],
];
for (const [file, name, activation, extra] of charts) {
  const series: Series[] = [...COMMON, extra].map(([label, draw, dashed]) => ({ label, x: layers, y: variances(draw, activation), dashed }));
  for (const s of series) console.log(name, s.label.padEnd(28), Array.from(s.y, (v) => v.toExponential(2)).join(' '));
  const svg = lineChart(series, {
    title: `Activation variance through ${DEPTH} ${name} layers of ${WIDTH} units`,
    xLabel: 'layer (0 = input)',
    yLabel: 'variance of the activations (log scale)',
    logY: true,
    height: 460,
  });
  writeFileSync(join(OUT, `initializers-variance-${file}.svg`), svg);
}
console.log(`wrote ${OUT}/initializers-variance-{relu,tanh}.svg`);
