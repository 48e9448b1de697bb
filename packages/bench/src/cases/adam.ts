import { Adam } from '@smolml/optimizers';
import type { Case } from '../harness';
import { normal } from '../data';
import { ours } from '../ours';
import { tf, tensor } from '../tf';
import { jarr, jax, ready, type JaxArray } from '../jax';
import { flat, nest, torch, TorchAdam } from '../torch';
import { bytesOf, limit } from '../ceilings/limits';
import { makeAll } from './make';

const N = 1 << 20;
const LR = 0.01, B1 = 0.9, B2 = 0.999, EPS = 1e-8;

/** One Adam update of 1M parameters from a fixed gradient: a purely elementwise, memory-bound loop. */
export function adamCase(): Case {
  const p0 = normal(N, 12), g = normal(N, 13, 0.1);
  return {
    id: 'adam-1M',
    title: 'Adam update, 1M parameters',
    short: 'Adam 1M',
    tolerance: 1e-5,
    // p, g, m, v read; p, m, v written.
    limit: 'copy loop over the same bytes (4 arrays read, 3 written)',
    make: makeAll({
      ours: (dtype) => {
        const p = ours(p0, [N], dtype);
        // d/dp Σ p·g = g exactly: a public way to give p the gradient g.
        p.mul(ours(g, [N], dtype, false)).sum().backward();
        const opt = new Adam({ learningRate: LR, expDecayGradients: B1, expDecaySquared: B2, epsilon: EPS });
        return { run: () => opt.step([p]), result: () => p.data };
      },
      tf: () => {
        const p = tf.variable(tensor(p0, [N])), G = tensor(g, [N]);
        const opt = tf.train.adam(LR, B1, B2, EPS);
        return {
          run: () => opt.applyGradients([{ name: p.name, tensor: G }]),
          result: () => p.dataSync(),
          dispose: () => { opt.dispose(); tf.dispose([p, G]); },
        };
      },
      // The update as one jit-compiled function of (p, g, m, v, bias corrections): the
      // state goes in and comes back out, as functional JAX code carries it.
      jax: (dtype) => {
        const { jit, numpy: np } = jax();
        const upd = jit((p: JaxArray, gr: JaxArray, m: JaxArray, v: JaxArray, c1: JaxArray, c2: JaxArray) => {
          const m2 = m.mul(B1).add(gr.ref.mul(1 - B1));
          const v2 = v.mul(B2).add(gr.ref.mul(gr).mul(1 - B2));
          const p2 = p.sub(m2.ref.div(c1).mul(LR).div(np.sqrt(v2.ref.div(c2)).add(EPS)));
          return [p2, m2, v2];
        });
        let p = jarr(p0, [N], dtype), m = np.zerosLike(p.ref), v = np.zerosLike(p.ref), t = 0;
        const G = jarr(g, [N], dtype);
        const scalar = (x: number): JaxArray => jarr(new Float64Array([x]), [], dtype);
        return {
          run: async () => {
            t++;
            [p, m, v] = upd(p, G.ref, m, v, scalar(1 - B1 ** t), scalar(1 - B2 ** t)) as [JaxArray, JaxArray, JaxArray];
            await ready(p, m, v);
          },
          result: () => p.ref.dataSync(),
          dispose: () => { p.dispose(); m.dispose(); v.dispose(); G.dispose(); upd.dispose(); },
        };
      },
      torch: () => {
        const t = torch();
        const p = t.tensor(nest(p0, [N]), true);
        p._grad = t.tensor(nest(g, [N]));
        const opt = new TorchAdam([p], LR, B1, B2, EPS);
        return { run: () => opt.step(), result: () => flat(p.data) };
      },
      limit: (dtype) => limit(dtype, 0, 7 * N * bytesOf(dtype)),
    }),
  };
}
