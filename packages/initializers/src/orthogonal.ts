import { type MLArray, type Rng, zeros } from '@smolml/core';
import { parseArgs, randomKeys, resolve } from './args';
import type { InitializeArgs, InitializerOptions } from './options';
import { WeightInitializer } from './weight-initializer';

const KEYS = randomKeys();

/**
 * A random orthogonal matrix (times `gain`). For a (rows, cols) shape with rows ≥ cols
 * the columns are orthonormal, WᵀW = I; with rows < cols the rows are, WWᵀ = I. An
 * orthogonal map preserves the length of every vector, so a deep linear stack neither
 * shrinks nor blows up its signal. Shapes beyond 2-D are treated as
 * (dims[0], product of the rest).
 *
 * The matrix is the Q factor of a Gaussian matrix, by Gram–Schmidt. Because R's
 * diagonal comes out positive, Q is uniformly distributed over orthogonal matrices.
 *
 * @example
 * const W = Orthogonal.initialize(128, 64);
 * W.transpose().matmul(W);   // ≈ the 64 × 64 identity
 */
export class Orthogonal extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: InitializerOptions): MLArray;
  static override initialize(...args: InitializeArgs<InitializerOptions>): MLArray {
    const op = 'Orthogonal.initialize';
    const { dims, options } = parseArgs<InitializerOptions>(op, args, KEYS);
    if (dims.length < 2) {
      throw new RangeError(`${op}: needs at least 2 dimensions (a matrix), got [${dims.join(', ')}]`);
    }
    const { rng, gain, requiresGrad, dtype } = resolve(op, dims, options);
    const rows = dims[0];
    const cols = dims.slice(1).reduce((a, b) => a * b, 1);
    const tall = rows >= cols;
    const n = tall ? rows : cols; // length of each orthonormal vector
    const k = tall ? cols : rows; // how many of them
    const q = orthonormalVectors(n, k, rng, op);
    const out = zeros(dims, { requiresGrad, dtype });
    const w = out.data;
    // q holds k vectors of length n, one after the other. Tall: they are W's columns;
    // wide: they are W's rows, already in row-major order.
    if (tall) {
      for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) w[i * cols + j] = gain * q[j * n + i];
    } else {
      for (let i = 0; i < q.length; i++) w[i] = gain * q[i];
    }
    return out;
  }
}

/**
 * k orthonormal vectors of length n (k ≤ n), stored back to back: Gram–Schmidt on
 * Gaussian vectors, each projection done twice. One pass loses orthogonality in
 * proportion to the matrix's condition number; a second pass restores it to rounding
 * level ("twice is enough", Giraud et al. 2005).
 */
function orthonormalVectors(n: number, k: number, rng: Rng, op: string): Float64Array {
  const q = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const vj = j * n;
    for (let i = 0; i < n; i++) q[vj + i] = rng.normal();
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        const vp = p * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[vj + i] * q[vp + i];
        for (let i = 0; i < n; i++) q[vj + i] -= dot * q[vp + i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[vj + i] * q[vj + i];
    norm = Math.sqrt(norm);
    // A Gaussian vector lies in the span of the others with probability 0.
    if (!(norm > 0)) throw new Error(`${op}: Gram–Schmidt produced a zero vector; draw again with another seed`);
    for (let i = 0; i < n; i++) q[vj + i] /= norm;
  }
  return q;
}
