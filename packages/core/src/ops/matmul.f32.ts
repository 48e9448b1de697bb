// GENERATED from matmul.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { ShapeError, fmtShape } from '../errors';
import { type MLArray, record, gradOf } from '../mlarray';
import { broadcastIndex, broadcastShapes, sizeOf } from '../shape';
import { allocOut as allocOutZero, allocOutRaw, gemm } from '../dtypes/float32';


/**
 * `numpy.matmul`: 1-D @ 1-D is a dot product (0-d result); a 1-D left operand is a row
 * vector and a 1-D right operand a column vector, the added dimension removed from
 * the result; leading dimensions are batch dimensions and broadcast.
 *
 * Backward: dA += dC · Bᵀ and dB += Aᵀ · dC per batch. Accumulating into the batch slot
 * each broadcast batch came from sums the gradient over the broadcast dimensions.
 */
export function matmul(a: MLArray, b: MLArray): MLArray {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError('matmul', `both operands need at least 1 dimension, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`, [a.shape, b.shape]);
  }
  const aShape = a.ndim === 1 ? [1, a.shape[0]] : a.shape;
  const bShape = b.ndim === 1 ? [b.shape[0], 1] : b.shape;
  const n = aShape[aShape.length - 2], k = aShape[aShape.length - 1];
  const k2 = bShape[bShape.length - 2], m = bShape[bShape.length - 1];
  if (k !== k2) {
    throw new ShapeError('matmul', `cannot multiply ${fmtShape(a.shape)} by ${fmtShape(b.shape)}: inner dimensions ${k} and ${k2} differ`, [a.shape, b.shape]);
  }
  const aBatch = aShape.slice(0, -2), bBatch = bShape.slice(0, -2);
  const batchShape = broadcastShapes('matmul', aBatch, bBatch);
  const batch = sizeOf(batchShape);
  const simple = aBatch.length === 0 && bBatch.length === 0;
  const ai = simple ? null : broadcastIndex(aBatch, batchShape);
  const bi = simple ? null : broadcastIndex(bBatch, batchShape);
  const A = a.data as Float32Array, B = b.data as Float32Array, nk = n * k, km = k * m, nm = n * m;
  const outShape = [...batchShape];
  if (a.ndim > 1) outShape.push(n);
  if (b.ndim > 1) outShape.push(m);
  // Every element is written by the overwriting product below (or is an empty product).
  const out = batch * nm > 0 && k > 0 ? allocOutRaw('matmul', outShape) : allocOutZero('matmul', outShape);
  for (let t = 0; t < batch; t++) {
    gemm(A, (ai ? ai[t] : 0) * nk, B, (bi ? bi[t] : 0) * km, out, t * nm, n, k, m, false); // a fresh output: overwrite, nothing to copy in
  }
  return record('matmul', out, outShape, [a, b], (g) => {
    const ga = gradOf(a) as Float32Array | null, gb = gradOf(b) as Float32Array | null;
    const G = g as Float32Array;
    // dA = G·Bᵀ and dB = Aᵀ·G, with B and A passed as the transposes of those operands
    // (gemm packs them straight from there: no transposed copy in the WebAssembly path).
    if (ga) {
      for (let t = 0; t < batch; t++) {
        gemm(G, t * nm, B, (bi ? bi[t] : 0) * km, ga, (ai ? ai[t] : 0) * nk, n, m, k, true, false, true);
      }
    }
    if (gb) {
      for (let t = 0; t < batch; t++) {
        gemm(A, (ai ? ai[t] : 0) * nk, G, t * nm, gb, (bi ? bi[t] : 0) * km, k, n, m, true, true, false);
      }
    }
  });
}
