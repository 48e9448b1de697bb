// Plots for docs/activations.md: every elementwise activation beside its derivative,
// both computed by @smolml/activations itself (the derivative by backpropagation, not
// by hand), an overview of the smooth ReLU family, and softmax as one logit moves.
//   cd docs/examples && npx tsc -p tsconfig.json && node dist/plots/activations.js
// writes docs/images/activations-*.svg.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FloatArray, MLArray } from '@smolml/core';
import {
  elu, gelu, hardSigmoid, leakyRelu, linear, mish, relu, relu6, selu, sigmoid, silu, softmax, softplus, tanh,
} from '@smolml/activations';
import { type Series, lineChart } from './svg';

const OUT = join(__dirname, '..', '..', '..', 'images');

/** n + 1 evenly spaced points on [lo, hi]. */
function grid(lo: number, hi: number, n = 400): Float64Array {
  return Float64Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
}

/** f on the grid and f′ from backward(): each output depends on its own input only, so ∂(Σf)/∂xᵢ = f′(xᵢ). */
function withDerivative(f: (x: MLArray) => MLArray, xs: Float64Array): { y: FloatArray; dy: FloatArray } {
  const x = MLArray.from(xs, [xs.length]);
  const y = f(x).mul(1); // a fresh node, so linear (which returns x itself) backpropagates too
  y.sum().backward();
  return { y: y.data, dy: (x.grad as MLArray).data };
}

interface Plot {
  file: string;
  title: string;
  f: (x: MLArray) => MLArray;
  range: [number, number];
  yRange?: [number, number];
}

const PLOTS: Plot[] = [
  { file: 'relu', title: 'relu(x) = max(0, x)', f: relu, range: [-4, 4] },
  { file: 'leaky-relu', title: 'leakyRelu(x, 0.1) (the default slope is 0.01)', f: (x) => leakyRelu(x, 0.1), range: [-4, 4] },
  { file: 'elu', title: 'elu(x), alpha = 1', f: (x) => elu(x), range: [-4, 4] },
  { file: 'selu', title: 'selu(x)', f: selu, range: [-4, 4] },
  { file: 'sigmoid', title: 'sigmoid(x) = 1 / (1 + e^-x)', f: sigmoid, range: [-8, 8] },
  { file: 'tanh', title: 'tanh(x)', f: tanh, range: [-4, 4] },
  { file: 'linear', title: 'linear(x) = x', f: linear, range: [-4, 4] },
  { file: 'gelu', title: 'gelu(x) = x·Φ(x)', f: (x) => gelu(x), range: [-4, 4] },
  { file: 'silu', title: 'silu(x) = swish(x) = x·sigmoid(x)', f: silu, range: [-6, 4] },
  { file: 'mish', title: 'mish(x) = x·tanh(softplus(x))', f: mish, range: [-6, 4] },
  { file: 'softplus', title: 'softplus(x) = log(1 + e^x)', f: (x) => softplus(x), range: [-6, 6] },
  { file: 'relu6', title: 'relu6(x) = min(max(0, x), 6)', f: relu6, range: [-3, 9] },
  { file: 'hard-sigmoid', title: 'hardSigmoid(x) = min(max(0, x + 3), 6) / 6', f: hardSigmoid, range: [-6, 6] },
];

function write(file: string, svg: string): void {
  writeFileSync(join(OUT, file), svg);
  console.log(`wrote docs/images/${file}`);
}

for (const p of PLOTS) {
  const xs = grid(...p.range);
  const { y, dy } = withDerivative(p.f, xs);
  const series: Series[] = [
    { label: 'f(x)', x: xs, y },
    { label: "f'(x) (by backward())", x: xs, y: dy, dashed: true },
  ];
  write(`activations-${p.file}.svg`, lineChart(series, { title: p.title, xLabel: 'x', yLabel: 'f(x), f\'(x)', yRange: p.yRange }));
}

// The smooth members of the ReLU family, on one chart: they differ only below 0.
{
  const xs = grid(-4, 2.5);
  const family: [string, (x: MLArray) => MLArray][] = [
    ['relu', relu], ['leakyRelu (alpha 0.1)', (x) => leakyRelu(x, 0.1)], ['elu', (x) => elu(x)],
    ['gelu', (x) => gelu(x)], ['silu / swish', silu], ['mish', mish], ['softplus', (x) => softplus(x)],
  ];
  const series = family.map(([label, f]) => ({ label, x: xs, y: withDerivative(f, xs).y }));
  write('activations-relu-family.svg', lineChart(series, { title: 'The ReLU family below and just above 0', xLabel: 'x', yLabel: 'f(x)' }));
}

// softmax([x, 1, 0, −1]): as the first logit grows it takes the probability mass.
{
  const xs = grid(-5, 6, 220);
  const rows = new Float64Array(xs.length * 4);
  xs.forEach((x, i) => rows.set([x, 1, 0, -1], i * 4));
  const p = softmax(MLArray.from(rows, [xs.length, 4], { requiresGrad: false })).data;
  const column = (j: number): Float64Array => Float64Array.from(xs, (_, i) => p[i * 4 + j]);
  const series: Series[] = [
    { label: 'p(class 0), logit x', x: xs, y: column(0) },
    { label: 'p(class 1), logit 1', x: xs, y: column(1) },
    { label: 'p(class 2), logit 0', x: xs, y: column(2) },
    { label: 'p(class 3), logit -1', x: xs, y: column(3) },
  ];
  write('activations-softmax.svg', lineChart(series, { title: 'softmax([x, 1, 0, -1]) as the first logit x varies', xLabel: 'x', yLabel: 'probability' }));
}
