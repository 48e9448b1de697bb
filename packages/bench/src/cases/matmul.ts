import { MLArray } from '@smolml/core';
import type { Case } from '../harness';
import { normal } from '../data';
import { tf, tensor } from '../tf';

/** C = A·B for square N×N matrices: the kernel under every dense layer. */
export function matmulCase(n: number): Case {
  const a = normal(n * n, 1), b = normal(n * n, 2);
  const ours = () => {
    const A = MLArray.from(a, [n, n], { requiresGrad: false });
    const B = MLArray.from(b, [n, n], { requiresGrad: false });
    let C = A.matmul(B);
    return { run: () => { C = A.matmul(B); }, result: () => C.data };
  };
  const theirs = () => {
    const A = tensor(a, [n, n]), B = tensor(b, [n, n]);
    let C = tf.matMul(A, B);
    return {
      run: () => { C.dispose(); C = tf.matMul(A, B); },
      result: () => C.dataSync(),
      dispose: () => tf.dispose([A, B, C]),
    };
  };
  return {
    id: `matmul-${n}`,
    title: `matmul ${n}×${n}`,
    short: `matmul ${n}`,
    flops: 2 * n * n * n,
    // Sums of n float32 products: relative rounding grows like √n·2⁻²⁴.
    tolerance: 1e-4,
    make: { smolml: ours, 'smolml-js': ours, 'tfjs-cpu': theirs, 'tfjs-wasm': theirs },
  };
}
