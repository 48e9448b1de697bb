import { MLArray, Rng, randn } from '@smolml/core';

// An embedding table is a [vocabulary, width] matrix; looking tokens up is take().
const table = randn([5, 3], { rng: new Rng(0) });
const tokens = new MLArray([[1, 4, 1]], { requiresGrad: false });
const vectors = table.take(tokens, 0); // shape [1, 3, 3]
console.log(`vectors: ${vectors.shape.join('x')}`);
vectors.sum().backward();
// Token 1 appears twice, so its row of the gradient is 2s: take's gradient scatter-adds.
console.log(`grad rows: ${table.grad!.sum(1).toList<number[]>().join(', ')}`);
