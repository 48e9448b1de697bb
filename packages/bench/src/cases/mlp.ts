import { relu } from '@smolml/activations';
import { MLArray } from '@smolml/core';
import { softmaxCrossEntropy } from '@smolml/losses';
import { Adam } from '@smolml/optimizers';
import type { Case } from '../harness';
import { normal, oneHot, uniform } from '../data';
import { tf, tensor } from '../tf';

const IN = 784, HIDDEN = 128, OUT = 10;
const LR = 0.01, BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

/**
 * One training step of a 784→128→10 ReLU network (MNIST-shaped) with softmax
 * cross-entropy and Adam: forward, backward and the parameter update.
 */
export function mlpCase(batch: number): Case {
  const x = uniform(batch * IN, 8), labels = oneHot(batch, OUT, 9);
  const w1 = normal(IN * HIDDEN, 10, Math.sqrt(2 / IN)), w2 = normal(HIDDEN * OUT, 11, Math.sqrt(2 / HIDDEN));
  const b1 = new Float64Array(HIDDEN), b2 = new Float64Array(OUT);

  const ours = () => {
    const X = MLArray.from(x, [batch, IN], { requiresGrad: false });
    const Y = MLArray.from(labels, [batch, OUT], { requiresGrad: false });
    const W1 = MLArray.from(w1, [IN, HIDDEN]), B1 = MLArray.from(b1, [HIDDEN]);
    const W2 = MLArray.from(w2, [HIDDEN, OUT]), B2 = MLArray.from(b2, [OUT]);
    const params = [W1, B1, W2, B2];
    const opt = new Adam({ learningRate: LR, expDecayGradients: BETA1, expDecaySquared: BETA2, epsilon: EPS });
    let loss = NaN;
    return {
      run: () => {
        opt.zeroGrad(params);
        const h = relu(X.matmul(W1).add(B1));
        const l = softmaxCrossEntropy(h.matmul(W2).add(B2), Y);
        l.backward();
        opt.step(params);
        loss = l.data[0];
      },
      result: () => [loss, ...W1.data, ...B1.data, ...W2.data, ...B2.data],
    };
  };

  const theirs = () => {
    const X = tensor(x, [batch, IN]), Y = tensor(labels, [batch, OUT]);
    const W1 = tf.variable(tensor(w1, [IN, HIDDEN])), B1 = tf.variable(tensor(b1, [HIDDEN]));
    const W2 = tf.variable(tensor(w2, [HIDDEN, OUT])), B2 = tf.variable(tensor(b2, [OUT]));
    const vars = [W1, B1, W2, B2];
    const opt = tf.train.adam(LR, BETA1, BETA2, EPS);
    const f = () => {
      const h = tf.relu(tf.add(tf.matMul(X, W1), B1));
      return tf.losses.softmaxCrossEntropy(Y, tf.add(tf.matMul(h, W2), B2)) as tf.Scalar;
    };
    let loss: tf.Scalar | null = null;
    return {
      run: () => { loss?.dispose(); loss = opt.minimize(f, true, vars); },
      result: () => [loss ? loss.dataSync()[0] : NaN, ...vars.flatMap((v) => Array.from(v.dataSync()))],
      dispose: () => { loss?.dispose(); opt.dispose(); tf.dispose([X, Y, ...vars]); },
    };
  };

  return {
    id: `mlp-step-b${batch}`,
    title: `MLP 784→128→10 step + Adam, batch ${batch}`,
    short: `MLP step, batch ${batch}`,
    // The first Adam step moves each weight by about ±lr whatever |g| is, so float32 and
    // float64 agree to rounding except where |g| is near epsilon.
    tolerance: 1e-4,
    make: { smolml: ours, 'smolml-js': ours, 'tfjs-cpu': theirs, 'tfjs-wasm': theirs },
    quoted: batch === 64
      ? { name: 'original SmolML (Python)', ms: 240_000, note: 'the issue quotes ≈4 minutes for one step at batch 64' }
      : undefined,
  };
}
