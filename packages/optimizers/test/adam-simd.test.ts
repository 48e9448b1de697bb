// Adam and AdamW on parameters long enough for core's WebAssembly SIMD kernel
// (adamUpdateSimd, from 128 elements) against the same steps with the JavaScript kernels
// forced (setGemmKernel('js')): the parameters and both moments must agree bit for bit,
// in both dtypes and all three weight-decay forms. (The reference fixtures use small
// parameters, which the JavaScript loops run; this ties the two paths together.)
import { MLArray, Rng, setGemmKernel, type DType } from '@smolml/core';
import { Adam, AdamW } from '../src';

function trajectory(dtype: DType, make: () => Adam, kernel: 'auto' | 'js'): Float64Array[] {
  setGemmKernel(kernel);
  try {
    const rng = new Rng(7), n = 3000;
    const p = MLArray.from(Float64Array.from({ length: n }, () => rng.normal()), [n], { dtype, requiresGrad: true });
    const opt = make();
    for (let t = 0; t < 6; t++) {
      p.zeroGrad();
      // A gradient that changes every step: d/dp Σ p³·c = 3p²·c.
      p.pow(3).mul(MLArray.from(Float64Array.from({ length: n }, () => rng.normal()), [n], { dtype })).sum().backward();
      opt.step([p]);
    }
    const sd = opt.stateDict();
    const state = JSON.stringify(sd);
    return [Float64Array.from(p.data), Float64Array.from(new TextEncoder().encode(state))];
  } finally {
    setGemmKernel('auto');
  }
}

const cases: [string, () => Adam][] = [
  ['Adam', () => new Adam({ learningRate: 0.01 })],
  ['Adam with L2 weight decay', () => new Adam({ learningRate: 0.01, weightDecay: 0.05 })],
  ['AdamW', () => new AdamW({ learningRate: 0.01, weightDecay: 0.05 })],
];

describe.each(['float64', 'float32'] as const)('%s', (dtype) => {
  it.each(cases)('%s: the SIMD kernel and the JavaScript loop give the same bits', (_name, make) => {
    const [pSimd, stateSimd] = trajectory(dtype, make, 'auto');
    const [pJs, stateJs] = trajectory(dtype, make, 'js');
    for (let i = 0; i < pJs.length; i++) if (!Object.is(pSimd[i], pJs[i])) throw new Error(`p[${i}]: ${pSimd[i]} vs ${pJs[i]}`);
    expect(stateSimd).toEqual(stateJs);
  });
});
