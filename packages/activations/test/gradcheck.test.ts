// Backpropagated gradients against central finite differences (core's gradCheck),
// for every activation and option, on inputs away from the kinks.
import { MLArray, Rng, gradCheck, randn } from '@smolml/core';
import {
  elu, gelu, hardSigmoid, leakyRelu, linear, logSoftmax, mish, relu, relu6, selu, sigmoid, silu, softmax,
  softplus, swish, tanh,
} from '../src';

const rng = new Rng(42);
// A [4, 5] input of values in ±[lo, hi] (random signs), away from 0 when lo > 0.
function input(lo: number, hi: number, shape: number[] = [4, 5]): MLArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(lo, hi);
  return MLArray.from(d, shape);
}
// Values in (lo, hi), none within `gap` of the listed kinks.
function avoiding(lo: number, hi: number, kinks: number[], gap = 0.05): MLArray {
  const d = new Float64Array(20);
  for (let i = 0; i < d.length; i++) {
    let v: number;
    do v = rng.uniform(lo, hi); while (kinks.some((k) => Math.abs(v - k) < gap));
    d[i] = v;
  }
  return MLArray.from(d, [4, 5]);
}

const cases: [string, (x: MLArray) => MLArray, () => MLArray][] = [
  ['relu', (x) => relu(x), () => input(0.05, 3)],
  ['leakyRelu', (x) => leakyRelu(x), () => input(0.05, 3)],
  ['leakyRelu alpha=0.2', (x) => leakyRelu(x, 0.2), () => input(0.05, 3)],
  ['leakyRelu alpha=-0.5', (x) => leakyRelu(x, -0.5), () => input(0.05, 3)],
  ['elu', (x) => elu(x), () => input(0.05, 3)],
  ['elu alpha=0.5', (x) => elu(x, 0.5), () => input(0.05, 3)],
  ['sigmoid', (x) => sigmoid(x), () => input(0, 6)],
  ['tanh', (x) => tanh(x), () => input(0, 3)],
  ['linear', (x) => linear(x).mul(1), () => input(0, 3)],
  ['gelu', (x) => gelu(x), () => input(0, 5)],
  ['gelu tanh', (x) => gelu(x, 'tanh'), () => input(0, 5)],
  ['silu', (x) => silu(x), () => input(0, 5)],
  ['swish', (x) => swish(x), () => input(0, 5)],
  ['softplus', (x) => softplus(x), () => input(0, 10)],
  ['softplus beta=2 threshold=5', (x) => softplus(x, 2, 5), () => avoiding(-6, 6, [2.5])],
  ['relu6', (x) => relu6(x), () => avoiding(-3, 9, [0, 6])],
  ['hardSigmoid', (x) => hardSigmoid(x), () => avoiding(-6, 6, [-3, 3])],
  ['selu', (x) => selu(x), () => input(0.05, 3)],
  ['mish', (x) => mish(x), () => input(0, 5)],
  ['softmax', (x) => softmax(x), () => input(0, 3)],
  ['softmax axis=0', (x) => softmax(x, 0), () => input(0, 3)],
  ['softmax [2,3,4] axis=1', (x) => softmax(x, 1), () => input(0, 3, [2, 3, 4])],
  ['logSoftmax', (x) => logSoftmax(x), () => input(0, 3)],
  ['logSoftmax [2,3,4] axis=-2', (x) => logSoftmax(x, -2), () => input(0, 3, [2, 3, 4])],
];

describe('gradCheck', () => {
  test.each(cases)('%s', (_name, f, make) => {
    // Weighting by a fixed random array makes the check see a non-uniform upstream
    // gradient (softmax summed plainly has gradient 0 everywhere).
    const x = make();
    const w = randn(x.shape, { rng, requiresGrad: false });
    const r = gradCheck((a) => f(a).mul(w), [x]);
    if (!r.ok) throw new Error(r.message);
    expect(r.ok).toBe(true);
  });
});
