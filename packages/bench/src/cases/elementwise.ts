import { tidy } from '@smolml/core';
import type { Case } from '../harness';
import { normal } from '../data';
import { ours } from '../ours';
import { tf, tensor } from '../tf';
import { jarr, jax, ready, type JaxArray } from '../jax';
import { flat, relu as torchRelu, torch, type Tensor } from '../torch';
import { bytesOf, limit } from '../ceilings/limits';
import { makeAll } from './make';

const fmtN = (n: number): string => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n === 1 << 20 ? '1M' : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

/**
 * relu(a*b + c) on n elements, forward only: three memory-bound elementwise passes
 * (ours, TF.js and js-pytorch run three ops; jax-js fuses them under `jit`, as its
 * users would write it).
 */
export function elementwiseCase(n: number, idPrefix = 'relu-fma'): Case {
  const a = normal(n, 3), b = normal(n, 4), c = normal(n, 5);
  return {
    id: `${idPrefix}-${fmtN(n)}`,
    title: `relu(a*b+c), ${fmtN(n)} elements`,
    short: `relu(a*b+c) ${fmtN(n)}`,
    family: 'elementwise',
    size: n,
    tolerance: 1e-6,
    // The copy loop moves what the fused kernel must: three arrays in, one out.
    limit: 'copy loop over the same bytes (3 arrays read, 1 written)',
    make: makeAll({
      ours: (dtype) => {
        // As a SmolML user writes a hot loop (and TF.js users write theirs): inside tidy, the
        // previous result disposed, so buffers come back from core's pool.
        const A = ours(a, [n], dtype, false), B = ours(b, [n], dtype, false), C = ours(c, [n], dtype, false);
        const f = () => tidy(() => A.mul(B).add(C).relu());
        let y = f();
        return { run: () => { y.dispose(); y = f(); }, result: () => y.data };
      },
      tf: () => {
        const A = tensor(a, [n]), B = tensor(b, [n]), C = tensor(c, [n]);
        const f = () => tf.tidy(() => tf.relu(tf.add(tf.mul(A, B), C)));
        let y = f();
        return {
          run: () => { y.dispose(); y = f(); },
          result: () => y.dataSync(),
          dispose: () => tf.dispose([A, B, C, y]),
        };
      },
      jax: (dtype) => {
        const { jit, nn } = jax();
        const A = jarr(a, [n], dtype), B = jarr(b, [n], dtype), C = jarr(c, [n], dtype);
        const f = jit((x: JaxArray, y: JaxArray, z: JaxArray) => nn.relu(x.mul(y).add(z)));
        let y: JaxArray | null = null;
        return {
          run: async () => { y?.dispose(); y = f(A.ref, B.ref, C.ref); await ready(y); },
          result: () => (y as JaxArray).ref.dataSync(),
          dispose: () => { y?.dispose(); A.dispose(); B.dispose(); C.dispose(); f.dispose(); },
        };
      },
      torch: () => {
        const t = torch();
        const A = t.tensor(Array.from(a)), B = t.tensor(Array.from(b)), C = t.tensor(Array.from(c));
        let y: Tensor | null = null;
        return { run: () => { y = torchRelu(A.mul(B).add(C)); }, result: () => flat((y as Tensor).data) };
      },
      limit: (dtype) => limit(dtype, 0, 4 * n * bytesOf(dtype)),
    }),
  };
}
