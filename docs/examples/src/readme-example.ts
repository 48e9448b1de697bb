import { MLArray, Rng, zeros } from '@smolml/core';
import { HeInitialization } from '@smolml/initializers';
import { mseLoss } from '@smolml/losses';
import { Adam } from '@smolml/optimizers';

const x = new MLArray([[0, 0], [0, 1], [1, 0], [1, 1]], { requiresGrad: false });
const y = new MLArray([[0], [1], [1], [0]], { requiresGrad: false });
const rng = new Rng(0), he = (dims: number[]) => HeInitialization.initialize(dims, { rng });
const params = [he([2, 16]), zeros(1, 16), he([16, 1]), zeros(1, 1)], [w1, b1, w2, b2] = params;
const optimizer = new Adam({ learningRate: 0.05 });
for (let step = 1; step <= 200; step++) {
  const loss = mseLoss(x.matmul(w1).add(b1).relu().matmul(w2).add(b2), y);
  loss.backward(); optimizer.step(params); optimizer.zeroGrad(params);
  if (step % 50 === 0) console.log(`step ${step}: loss ${loss.item().toExponential(2)}`);
}
