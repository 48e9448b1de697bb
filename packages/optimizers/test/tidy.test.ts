// A whole training step inside core's tidy: the optimizer's state is made on the first
// step, inside the scope, and must outlive it (DESIGN: "an optimizer's state, even when
// its first step runs inside"). Stepping inside tidy must follow the same trajectory as
// stepping outside it, bit for bit.
import { MLArray, tidy, type DType } from '@smolml/core';
import { Adam, AdamW, RMSProp, SGDMomentum, AdaGrad, type Optimizer } from '../src';

function train(dtype: DType, make: () => Optimizer, inTidy: boolean): number[] {
  const n = 300; // above the SIMD kernels' 128 elements, so both paths run here
  const w = MLArray.from(Float64Array.from({ length: n }, (_, i) => Math.sin(i)), [n], { dtype, requiresGrad: true });
  const target = MLArray.from(Float64Array.from({ length: n }, (_, i) => Math.cos(i)), [n], { dtype });
  const opt = make();
  const step = (): number => {
    w.zeroGrad();
    const loss = w.sub(target).square().mean();
    loss.backward();
    opt.step([w]);
    return loss.item();
  };
  const losses: number[] = [];
  for (let t = 0; t < 5; t++) losses.push(inTidy ? tidy(step) : step());
  return [...losses, ...Array.from(w.data)];
}

const optimizers: [string, () => Optimizer][] = [
  ['Adam', () => new Adam({ learningRate: 0.05 })],
  ['AdamW', () => new AdamW({ learningRate: 0.05, weightDecay: 0.1 })],
  ['RMSProp', () => new RMSProp({ learningRate: 0.01 })],
  ['SGDMomentum', () => new SGDMomentum({ learningRate: 0.1 })],
  ['AdaGrad', () => new AdaGrad({ learningRate: 0.1 })],
];

describe.each(['float64', 'float32'] as const)('%s', (dtype) => {
  it.each(optimizers)('%s: steps inside tidy keep their state and match steps outside it', (_name, make) => {
    const inside = train(dtype, make, true);
    const outside = train(dtype, make, false);
    expect(inside.every(Number.isFinite)).toBe(true);
    expect(inside).toEqual(outside);
  });
});
