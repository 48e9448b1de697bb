import { MLArray } from '@smolml/core';
import { Adam } from '@smolml/optimizers';
import type { Case } from '../harness';
import { normal } from '../data';
import { tf, tensor } from '../tf';

const N = 1 << 20;

/** One Adam update of 1M parameters from a fixed gradient: a purely elementwise, memory-bound loop. */
export function adamCase(): Case {
  const p0 = normal(N, 12), g = normal(N, 13, 0.1);
  const ours = () => {
    const p = MLArray.from(p0, [N]);
    // d/dp Σ p·g = g exactly: a public way to give p the gradient g.
    p.mul(MLArray.from(g, [N], { requiresGrad: false })).sum().backward();
    const opt = new Adam({ learningRate: 0.01, epsilon: 1e-8 });
    return { run: () => opt.step([p]), result: () => p.data };
  };
  const theirs = () => {
    const p = tf.variable(tensor(p0, [N])), G = tensor(g, [N]);
    const opt = tf.train.adam(0.01, 0.9, 0.999, 1e-8);
    return {
      run: () => opt.applyGradients([{ name: p.name, tensor: G }]),
      result: () => p.dataSync(),
      dispose: () => { opt.dispose(); tf.dispose([p, G]); },
    };
  };
  return {
    id: 'adam-1M',
    title: 'Adam update, 1M parameters',
    short: 'Adam 1M',
    tolerance: 1e-5,
    make: { smolml: ours, 'tfjs-cpu': theirs, 'tfjs-wasm': theirs },
  };
}
