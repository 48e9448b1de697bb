import { MLArray, where } from '@smolml/core';

// Scores for padded positions are pushed to -1e9 before a softmax, with where().
const scores = new MLArray([[2, 1, 3], [0.5, 4, 1]]);
const lengths = new MLArray([[2], [3]], { requiresGrad: false });
const positions = new MLArray([[0, 1, 2]], { requiresGrad: false });
const valid = positions.lt(lengths); // 1 where the position exists, broadcast to [2, 3]
const masked = where(valid, scores, -1e9);
console.log(`masked: ${JSON.stringify(masked.toList())}`);
const best = masked.argmax(1);
console.log(`argmax: ${best.toList<number[]>().join(', ')}`);
masked.sum().backward();
// where routes the gradient to the chosen branch only: masked positions get 0.
console.log(`grad: ${JSON.stringify(scores.grad!.toList())}`);
