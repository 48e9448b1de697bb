import { Rng, arange } from '@smolml/core';

// Mini-batches: shuffle indices with an Rng, then take() rows. Saving the Rng's state
// resumes the exact same shuffles after a restart.
const data = arange(0, 12).reshape(6, 2);
const rng = new Rng(42);
function epoch(r: Rng): number[][] {
  const order = Array.from({ length: 6 }, (_, i) => i);
  r.shuffle(order);
  const batches: number[][] = [];
  for (let i = 0; i < 6; i += 3) batches.push(data.take(order.slice(i, i + 3), 0).slice([], 0).toList<number[]>());
  return batches;
}
epoch(rng);
const saved = JSON.stringify(rng.getState()); // a checkpoint holds this string
const next = epoch(rng);
const resumed = new Rng(0);
resumed.setState(JSON.parse(saved) as number[]);
console.log(`next epoch:    ${JSON.stringify(next)}`);
console.log(`after restore: ${JSON.stringify(epoch(resumed))}`);
console.log(`arange makes data: requiresGrad ${data.requiresGrad}`);
