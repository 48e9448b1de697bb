import { MLArray } from '@smolml/core';
import type { Case } from '../harness';
import { normal } from '../data';
import { tf, tensor } from '../tf';

const N = 1 << 20;

/** relu(a*b + c) on 1M elements: three memory-bound elementwise passes, forward only. */
export function elementwiseCase(): Case {
  const a = normal(N, 3), b = normal(N, 4), c = normal(N, 5);
  const ours = () => {
    const A = MLArray.from(a, [N], { requiresGrad: false });
    const B = MLArray.from(b, [N], { requiresGrad: false });
    const C = MLArray.from(c, [N], { requiresGrad: false });
    let y = A.mul(B).add(C).relu();
    return { run: () => { y = A.mul(B).add(C).relu(); }, result: () => y.data };
  };
  const theirs = () => {
    const A = tensor(a, [N]), B = tensor(b, [N]), C = tensor(c, [N]);
    const f = () => tf.tidy(() => tf.relu(tf.add(tf.mul(A, B), C)));
    let y = f();
    return {
      run: () => { y.dispose(); y = f(); },
      result: () => y.dataSync(),
      dispose: () => tf.dispose([A, B, C, y]),
    };
  };
  return {
    id: 'relu-fma-1M',
    title: 'relu(a*b+c), 1M elements',
    short: 'relu(a*b+c) 1M',
    tolerance: 1e-6,
    make: { smolml: ours, 'tfjs-cpu': theirs, 'tfjs-wasm': theirs },
  };
}
