// A whole training step inside core's tidy: the optimizer's state is made on the first
// step, inside the scope, and must outlive it (DESIGN: "an optimizer's state, even when
// its first step runs inside"). Stepping inside tidy must follow the same trajectory as
// stepping outside it, bit for bit.
import { MLArray, Rng, poolStats, randn, tidy, zeros, type DType } from '@smolml/core';
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

test('an MLP step with Adam inside tidy allocates no fresh buffer of 4 KiB or more after warm-up', () => {
  const r = new Rng(5);
  const x = randn([64, 784], { rng: r, requiresGrad: false });
  const y = randn([64, 10], { rng: r, requiresGrad: false });
  const w1 = randn([784, 128], { rng: r }).mul(0.05).detach(), b1 = zeros(1, 128);
  const w2 = randn([128, 10], { rng: r }).mul(0.1).detach(), b2 = zeros(1, 10);
  for (const p of [w1, w2]) p.requiresGrad = true;
  const params = [w1, b1, w2, b2];
  const opt = new Adam({ learningRate: 1e-3 });
  const step = (): number => tidy(() => {
    for (const p of params) p.zeroGrad();
    const loss = x.matmul(w1).add(b1).relu().matmul(w2).add(b2).sub(y).square().mean();
    loss.backward();
    opt.step(params);
    return loss.item();
  });
  const losses = [step(), step(), step()];
  const before = poolStats().freshBuffers;
  for (let i = 0; i < 20; i++) losses.push(step());
  expect(poolStats().freshBuffers - before).toBe(0);
  expect(losses.every(Number.isFinite)).toBe(true);
  expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
});
