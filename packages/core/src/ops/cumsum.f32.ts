// GENERATED from cumsum.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../mlarray';
import { normalizeAxis } from '../shape';
import { allocOut } from '../dtypes/float32';
import { axisPlan } from '../vocabulary';

/**
 * Running sums along `axis`: `out[i] = Σ_{j ≤ i} x[j]`, accumulated in double. The
 * gradient is the reversed running sum of the output gradient.
 */
export function cumsum(a: MLArray, axisIn: number): MLArray {
  const shape = a.ndim === 0 ? [] : a.shape;
  // A 0-d array scans as one element along axis 0 (or -1), as PyTorch.
  const axis = normalizeAxis('cumsum', axisIn, Math.max(1, a.ndim));
  const { outer, n, inner } = a.ndim === 0 ? { outer: 1, n: 1, inner: 1 } : axisPlan(a.shape, axis);
  const x = a.data as Float32Array, out = allocOut('cumsum', shape);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let s = 0;
      for (let j = 0; j < n; j++) {
        const idx = (o * n + j) * inner + k;
        s += x[idx];
        out[idx] = s;
      }
    }
  }
  return record('cumsum', out, shape, [a], (g) => {
    const ga = gradOf(a) as Float32Array | null;
    if (ga === null) return;
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        let s = 0;
        for (let j = n - 1; j >= 0; j--) {
          const idx = (o * n + j) * inner + k;
          s += g[idx];
          ga[idx] += s;
        }
      }
    }
  });
}
