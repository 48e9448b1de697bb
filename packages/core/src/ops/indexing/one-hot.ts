import { type ArrayOptions, type MLArray, checkOptions, dtypeOption, requiresGradOption, wrap } from '../../mlarray';
import { alloc, checkSize } from '../../alloc';
import { describeArg } from '../../errors';
import { checkDims, sizeOf } from '../../shape';
import { indexSource, normalizeIndices } from './indices';

// One write per label into a zeroed buffer: no hot loop to specialise per dtype.

/**
 * One-hot rows: `out[..., c] = 1` where `labels[...] = c`, else 0; shape
 * `labels.shape + [numClasses]`. Labels are integers in `[0, numClasses)` (negative
 * labels are an error, as in PyTorch's `one_hot`, not counted from the end). The result
 * is data: `requiresGrad` false and the default dtype unless `options` say otherwise.
 *
 * @example oneHot([2, 0], 3).toList(); // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: MLArray | ArrayLike<number>, numClasses: number, options?: ArrayOptions): MLArray {
  const opts = checkOptions<ArrayOptions>('oneHot', options);
  if (typeof numClasses !== 'number') throw new TypeError(`oneHot: numClasses must be a positive integer, got ${describeArg(numClasses)}`);
  if (!Number.isInteger(numClasses) || numClasses < 1) throw new RangeError(`oneHot: numClasses must be a positive integer, got ${String(numClasses)}`);
  const src = indexSource('oneHot', 'labels', labels);
  const dtype = dtypeOption('oneHot', opts);
  const requiresGrad = requiresGradOption('oneHot', opts, false);
  const idx = normalizeIndices('oneHot', src, numClasses, 'numClasses', false);
  const shape = [...src.shape, numClasses];
  checkDims('oneHot', shape.length);
  const size = sizeOf(shape);
  checkSize('oneHot', size, shape, dtype);
  const out = alloc(dtype, size);
  for (let i = 0; i < idx.length; i++) out[i * numClasses + idx[i]] = 1;
  return wrap(out, shape, requiresGrad);
}
