import { MLArray, fromSafetensors, toSafetensors, zeros } from '@smolml/core';

// Weights go out in the safetensors format (PyTorch and Python read it) and come back
// into the same parameter objects with assign(), so optimizer state keyed by them stays.
const weights = { 'dense.weight': new MLArray([[0.5, -1], [2, 0.25]]), 'dense.bias': zeros([2], { dtype: 'float32' }) };
const bytes = toSafetensors(weights, { epoch: '3' });
console.log(`file: ${bytes.length} bytes`);
const { tensors, metadata } = fromSafetensors(bytes);
console.log(`tensors: ${Object.keys(tensors).join(', ')}; metadata: ${JSON.stringify(metadata)}`);
console.log(`bias dtype: ${tensors['dense.bias'].dtype}`);
const w = weights['dense.weight'];
w.assign(new MLArray([[0, 0], [0, 0]]));
w.assign(tensors['dense.weight']);
console.log(`restored: ${JSON.stringify(w.toList())}`);
