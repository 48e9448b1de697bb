import type { Case } from '../harness';
import { normal } from '../data';
import { ours } from '../ours';
import { tf, tensor } from '../tf';
import { jarr, jax, ready, type JaxArray } from '../jax';
import { flat, ttensor, type Tensor } from '../torch';
import { limit } from '../ceilings/limits';
import { makeAll } from './make';

/** C = A·B for square N×N matrices: the kernel under every dense layer. */
export function matmulCase(n: number): Case {
  const a = normal(n * n, 1), b = normal(n * n, 2);
  return {
    id: `matmul-${n}`,
    title: `matmul ${n}×${n}`,
    short: `matmul ${n}`,
    family: 'matmul',
    size: n,
    flops: 2 * n * n * n,
    // Sums of n float32 products: relative rounding grows like √n·2⁻²⁴.
    tolerance: 1e-4,
    limit: `2N³ flops at the SIMD peak loop's rate`,
    // Time grows like N³: a contender too slow at N/2 is skipped here without running.
    estimateFrom: n >= 64 ? { caseId: `matmul-${n / 2}`, factor: 8 } : undefined,
    make: makeAll({
      jsKernel: true,
      ours: (dtype) => {
        const A = ours(a, [n, n], dtype, false), B = ours(b, [n, n], dtype, false);
        let C = A.matmul(B);
        return { run: () => { C = A.matmul(B); }, result: () => C.data };
      },
      tf: () => {
        const A = tensor(a, [n, n]), B = tensor(b, [n, n]);
        let C = tf.matMul(A, B);
        return {
          run: () => { C.dispose(); C = tf.matMul(A, B); },
          result: () => C.dataSync(),
          dispose: () => tf.dispose([A, B, C]),
        };
      },
      // One op: jit would add nothing, so this is plain `np.matmul`, waited for.
      jax: (dtype) => {
        const { numpy: np } = jax();
        const A = jarr(a, [n, n], dtype), B = jarr(b, [n, n], dtype);
        let C: JaxArray | null = null;
        return {
          run: async () => { C?.dispose(); C = np.matmul(A.ref, B.ref); await ready(C); },
          result: () => (C as JaxArray).ref.dataSync(),
          dispose: () => { C?.dispose(); A.dispose(); B.dispose(); },
        };
      },
      torch: () => {
        const A = ttensor(a, [n, n]), B = ttensor(b, [n, n]);
        let C: Tensor | null = null;
        return { run: () => { C = A.matmul(B); }, result: () => flat((C as Tensor).data) };
      },
      limit: (dtype) => limit(dtype, 2 * n * n * n, 0),
    }),
  };
}
