import { tidy } from '@smolml/core';
import { relu } from '@smolml/activations';
import { softmaxCrossEntropy } from '@smolml/losses';
import { Adam } from '@smolml/optimizers';
import type { Case, Precision } from '../harness';
import { normal, oneHot, uniform } from '../data';
import { ours } from '../ours';
import { tf, tensor } from '../tf';
import { jarr, jax, ready, type JaxArray } from '../jax';
import { flat, nest, relu as torchRelu, torch, TorchAdam, ttensor, type Tensor } from '../torch';
import { bytesOf, limit } from '../ceilings/limits';
import { makeAll } from './make';

const IN = 784, HIDDEN = 128, OUT = 10;
const LR = 0.01, BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;
/** Parameters of the network. */
const PARAMS = IN * HIDDEN + HIDDEN + HIDDEN * OUT + OUT;

/** Matmul flops of one step: forward X·W1 and H·W2, backward dW1 = Xᵀ·dH, dH = dY·W2ᵀ, dW2 = Hᵀ·dY. */
const stepFlops = (batch: number): number => 2 * batch * (IN * HIDDEN + HIDDEN * OUT) + 2 * batch * (IN * HIDDEN + 2 * HIDDEN * OUT);

type Params = { w1: JaxArray; b1: JaxArray; w2: JaxArray; b2: JaxArray };

/**
 * One training step of a 784→128→10 ReLU network (MNIST-shaped) with softmax
 * cross-entropy and Adam: forward, backward and the parameter update.
 */
export function mlpCase(batch: number): Case {
  const x = uniform(batch * IN, 8), labels = oneHot(batch, OUT, 9);
  const w1 = normal(IN * HIDDEN, 10, Math.sqrt(2 / IN)), w2 = normal(HIDDEN * OUT, 11, Math.sqrt(2 / HIDDEN));
  const b1 = new Float64Array(HIDDEN), b2 = new Float64Array(OUT);
  const classes = Array.from({ length: batch }, (_, r) => labels.subarray(r * OUT, (r + 1) * OUT).indexOf(1));

  const oursStep = (dtype: Precision) => {
    const X = ours(x, [batch, IN], dtype, false), Y = ours(labels, [batch, OUT], dtype, false);
    const W1 = ours(w1, [IN, HIDDEN], dtype), B1 = ours(b1, [HIDDEN], dtype);
    const W2 = ours(w2, [HIDDEN, OUT], dtype), B2 = ours(b2, [OUT], dtype);
    const params = [W1, B1, W2, B2];
    const opt = new Adam({ learningRate: LR, expDecayGradients: BETA1, expDecaySquared: BETA2, epsilon: EPS });
    let loss = NaN;
    return {
      // The whole step inside tidy, as SmolML users write a training loop (TF.js users
      // write theirs in tf.tidy): the step's buffers return to core's pool.
      run: () => {
        loss = tidy(() => {
          opt.zeroGrad(params);
          const h = relu(X.matmul(W1).add(B1));
          const l = softmaxCrossEntropy(h.matmul(W2).add(B2), Y);
          l.backward();
          opt.step(params);
          return l.data[0];
        });
      },
      result: () => [loss, ...W1.data, ...B1.data, ...W2.data, ...B2.data],
    };
  };

  const tfStep = () => {
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

  // The whole step — loss, gradient and Adam — as one jit-compiled function, as jax
  // users write a training step: parameters and optimizer state go in and come out.
  const jaxStep = (dtype: Precision) => {
    const { jit, valueAndGrad, nn, numpy: np, tree } = jax();
    const refs = (p: Params): Params => tree.map((a: JaxArray) => a.ref, p) as Params;
    const lossFn = (p: Params, xb: JaxArray, yb: JaxArray): JaxArray => {
      const h = nn.relu(np.matmul(xb, p.w1).add(p.b1));
      return nn.logSoftmax(np.matmul(h, p.w2).add(p.b2)).mul(yb).sum().neg().div(batch);
    };
    const step = jit((p: Params, m: Params, v: Params, c1: JaxArray, c2: JaxArray, xb: JaxArray, yb: JaxArray) => {
      const [loss, g] = valueAndGrad(lossFn)(refs(p), xb, yb) as [JaxArray, Params];
      const m2 = tree.map((mi: JaxArray, gi: JaxArray) => mi.mul(BETA1).add(gi.mul(1 - BETA1)), m, refs(g)) as Params;
      const v2 = tree.map((vi: JaxArray, gi: JaxArray) => vi.mul(BETA2).add(gi.ref.mul(gi).mul(1 - BETA2)), v, g) as Params;
      const p2 = tree.map((pi: JaxArray, mi: JaxArray, vi: JaxArray) =>
        pi.sub(mi.div(c1.ref).mul(LR).div(np.sqrt(vi.div(c2.ref)).add(EPS))), p, refs(m2), refs(v2)) as Params;
      c1.dispose(); c2.dispose();
      return [p2, m2, v2, loss];
    });
    const X = jarr(x, [batch, IN], dtype), Y = jarr(labels, [batch, OUT], dtype);
    let p: Params = { w1: jarr(w1, [IN, HIDDEN], dtype), b1: jarr(b1, [HIDDEN], dtype), w2: jarr(w2, [HIDDEN, OUT], dtype), b2: jarr(b2, [OUT], dtype) };
    const zeros = (): Params => tree.map((a: JaxArray) => np.zerosLike(a.ref), p) as Params;
    let m = zeros(), v = zeros(), t = 0, loss: JaxArray | null = null;
    const scalar = (s: number): JaxArray => jarr(new Float64Array([s]), [], dtype);
    const all = (): JaxArray[] => [p, m, v].flatMap((q) => [q.w1, q.b1, q.w2, q.b2]);
    return {
      run: async () => {
        t++;
        loss?.dispose();
        [p, m, v, loss] = step(p, m, v, scalar(1 - BETA1 ** t), scalar(1 - BETA2 ** t), X.ref, Y.ref) as [Params, Params, Params, JaxArray];
        await ready(loss, ...all());
      },
      result: () => [...(loss as JaxArray).ref.dataSync(), ...[p.w1, p.b1, p.w2, p.b2].flatMap((a) => Array.from(a.ref.dataSync()))],
      dispose: () => { loss?.dispose(); for (const a of all()) a.dispose(); X.dispose(); Y.dispose(); step.dispose(); },
    };
  };

  // Two nn.Linear layers and nn.CrossEntropyLoss, as js-pytorch's users build a
  // classifier; the ReLU and Adam written from its ops (see ../torch.ts).
  const torchStep = () => {
    const t = torch();
    const l1 = new t.nn.Linear(IN, HIDDEN), l2 = new t.nn.Linear(HIDDEN, OUT);
    l1.W._data = nest(w1, [IN, HIDDEN]); l1.b._data = nest(b1, [HIDDEN]);
    l2.W._data = nest(w2, [HIDDEN, OUT]); l2.b._data = nest(b2, [OUT]);
    const params = [l1.W, l1.b, l2.W, l2.b];
    const X = ttensor(x, [batch, IN]), Y = t.tensor(classes);
    const ce = new t.nn.CrossEntropyLoss();
    const opt = new TorchAdam(params, LR, BETA1, BETA2, EPS);
    let loss: Tensor | null = null;
    return {
      run: () => {
        opt.zeroGrad();
        loss = ce.forward(l2.forward(torchRelu(l1.forward(X))), Y);
        loss.backward();
        opt.step();
      },
      result: () => [...flat((loss as Tensor).data), ...params.flatMap((q) => flat(q.data))],
    };
  };

  return {
    id: `mlp-step-b${batch}`,
    title: `MLP 784→128→10 step + Adam, batch ${batch}`,
    short: `MLP step, batch ${batch}`,
    flops: stepFlops(batch),
    // The first Adam step moves each weight by about ±lr whatever |g| is, so float32 and
    // float64 agree to rounding except where |g| is near epsilon.
    tolerance: 1e-4,
    limit: 'matmul flops at the SIMD peak rate, then Adam\'s bytes (7 per parameter and element size) in the copy loop',
    make: makeAll({
      jsKernel: true, ours: oursStep, tf: tfStep, jax: jaxStep, torch: torchStep,
      limit: (dtype) => limit(dtype, stepFlops(batch), 7 * PARAMS * bytesOf(dtype)),
    }),
    quoted: batch === 64
      ? { name: 'original SmolML (Python)', ms: 240_000, note: 'the issue quotes ≈4 minutes for one step at batch 64' }
      : undefined,
  };
}
