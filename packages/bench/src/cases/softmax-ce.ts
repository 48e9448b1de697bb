import type { MLArray } from '@smolml/core';
import { softmaxCrossEntropy } from '@smolml/losses';
import type { Case } from '../harness';
import { normal, oneHot } from '../data';
import { ours } from '../ours';
import { tf, tensor } from '../tf';
import { jarr, jax, ready, type JaxArray } from '../jax';
import { flat, torch, ttensor, type Tensor } from '../torch';
import { makeAll } from './make';

const ROWS = 64, CLASSES = 10;

/** The class index of each one-hot row. */
function labelsOf(oneHotRows: Float64Array): number[] {
  return Array.from({ length: ROWS }, (_, r) => oneHotRows.subarray(r * CLASSES, (r + 1) * CLASSES).indexOf(1));
}

/** Softmax + cross-entropy on 64×10 logits, forward and backward: the loss of every classifier step. */
export function softmaxCeCase(): Case {
  const logits = normal(ROWS * CLASSES, 6, 3), labels = oneHot(ROWS, CLASSES, 7);
  return {
    id: 'softmax-ce-64x10',
    title: 'softmax + cross-entropy 64×10, fwd + bwd',
    short: 'softmax+CE 64×10',
    tolerance: 1e-5,
    make: makeAll({
      ours: (dtype) => {
        const x = ours(logits, [ROWS, CLASSES], dtype);
        const y = ours(labels, [ROWS, CLASSES], dtype, false);
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
      },
      tf: () => {
        const x = tensor(logits, [ROWS, CLASSES]), y = tensor(labels, [ROWS, CLASSES]);
        const f = tf.valueAndGrad((l: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, l));
        let out: { value: tf.Scalar; grad: tf.Tensor } | null = null;
        const free = () => { if (out) tf.dispose([out.value, out.grad]); };
        return {
          run: () => { free(); out = f(x) as { value: tf.Scalar; grad: tf.Tensor }; },
          result: () => out ? [out.value.dataSync()[0], ...out.grad.dataSync()] : [],
          dispose: () => { free(); tf.dispose([x, y]); },
        };
      },
      // jit(valueAndGrad(loss)): the loss written with jax-js's logSoftmax, as its users would.
      jax: (dtype) => {
        const { jit, valueAndGrad, nn } = jax();
        const x = jarr(logits, [ROWS, CLASSES], dtype), y = jarr(labels, [ROWS, CLASSES], dtype);
        const loss = (l: JaxArray, t: JaxArray): JaxArray => nn.logSoftmax(l).mul(t).sum().neg().div(ROWS);
        const f = jit((l: JaxArray, t: JaxArray) => valueAndGrad(loss)(l, t));
        let out: [JaxArray, JaxArray] | null = null;
        const free = () => { if (out) { out[0].dispose(); out[1].dispose(); } };
        return {
          run: async () => { free(); out = f(x.ref, y.ref) as [JaxArray, JaxArray]; await ready(...out); },
          result: () => { const [v, g] = out as [JaxArray, JaxArray]; return [...v.ref.dataSync(), ...g.ref.dataSync()]; },
          dispose: () => { free(); x.dispose(); y.dispose(); f.dispose(); },
        };
      },
      // nn.CrossEntropyLoss with class indices, as js-pytorch's users call it.
      torch: () => {
        const t = torch();
        const x = ttensor(logits, [ROWS, CLASSES], true), y = t.tensor(labelsOf(labels));
        const ce = new t.nn.CrossEntropyLoss();
        let loss: Tensor | null = null;
        return {
          run: () => { x.zero_grad(); loss = ce.forward(x, y); loss.backward(); },
          result: () => [...flat((loss as Tensor).data), ...flat(x.grad)],
        };
      },
    }),
  };
}
