import { MLArray } from '@smolml/core';
import { softmaxCrossEntropy } from '@smolml/losses';
import type { Case } from '../harness';
import { normal, oneHot } from '../data';
import { tf, tensor } from '../tf';

const ROWS = 64, CLASSES = 10;

/** Softmax + cross-entropy on 64×10 logits, forward and backward: the loss of every classifier step. */
export function softmaxCeCase(): Case {
  const logits = normal(ROWS * CLASSES, 6, 3), labels = oneHot(ROWS, CLASSES, 7);
  const ours = () => {
    const x = MLArray.from(logits, [ROWS, CLASSES]);
    const y = MLArray.from(labels, [ROWS, CLASSES], { requiresGrad: false });
    let loss = 0;
    return {
      run: () => {
        x.zeroGrad();
        const l = softmaxCrossEntropy(x, y);
        l.backward();
        loss = l.item();
      },
      result: () => [loss, ...(x.grad as MLArray).data],
    };
  };
  const theirs = () => {
    const x = tensor(logits, [ROWS, CLASSES]), y = tensor(labels, [ROWS, CLASSES]);
    const f = tf.valueAndGrad((l: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, l));
    let out: { value: tf.Scalar; grad: tf.Tensor } | null = null;
    const free = () => { if (out) tf.dispose([out.value, out.grad]); };
    return {
      run: () => { free(); out = f(x) as { value: tf.Scalar; grad: tf.Tensor }; },
      result: () => out ? [out.value.dataSync()[0], ...out.grad.dataSync()] : [],
      dispose: () => { free(); tf.dispose([x, y]); },
    };
  };
  return {
    id: 'softmax-ce-64x10',
    title: 'softmax + cross-entropy 64×10, fwd + bwd',
    short: 'softmax+CE 64×10',
    tolerance: 1e-5,
    make: { smolml: ours, 'tfjs-cpu': theirs, 'tfjs-wasm': theirs },
  };
}
