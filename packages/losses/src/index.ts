/**
 * `@smolml/losses`: the functions that measure how wrong a model is, in the
 * (yPred, yTrue) order of the original SmolML. Each returns a 0-d MLArray (or, with
 * `reduction: 'none'`, the unreduced losses) whose `backward()` trains the model.
 * A loss has its arguments' dtype; mixed arguments promote by PyTorch's result_type,
 * so float64 labels promote a float32 loss to float64: give a float32 model float32
 * targets. Sparse class labels never decide the dtype.
 *
 * @packageDocumentation
 */
export { mseLoss } from './mse';
export { maeLoss } from './mae';
export { binaryCrossEntropy, type BinaryCrossEntropyOptions } from './binary-cross-entropy';
export { categoricalCrossEntropy, type CategoricalCrossEntropyOptions } from './categorical-cross-entropy';
export { huberLoss, type HuberOptions } from './huber';
export { binaryCrossEntropyWithLogits, type BinaryCrossEntropyWithLogitsOptions } from './binary-cross-entropy-with-logits';
export {
  categoricalCrossEntropyWithLogits,
  softmaxCrossEntropy,
  type CategoricalCrossEntropyWithLogitsOptions,
} from './categorical-cross-entropy-with-logits';
export { sparseCategoricalCrossEntropy, type SparseCategoricalCrossEntropyOptions } from './sparse-categorical-cross-entropy';
export { klDivergence, type KLDivergenceOptions } from './kl-divergence';
export { hingeLoss } from './hinge';
export { cosineSimilarityLoss, type CosineSimilarityLossOptions } from './cosine-similarity';
export { type LossOptions, type Reduction } from './reduction';
