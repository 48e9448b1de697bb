/**
 * `@smolml/memory`: how much memory SmolML arrays and models hold. Typed storage
 * (values, gradients, optimizer state) is counted exactly, `BYTES_PER_ELEMENT` per
 * number (8 for float64, 4 for float32); the JavaScript objects around it follow a
 * documented V8 cost model that the tests check against measured heap growth. Use it
 * to plan resources, find what dominates a training step, and compare architectures.
 *
 * @packageDocumentation
 */
export { formatSize } from './format-size';
export { calculateValueSize } from './value-size';
export { calculateMLArraySize, calculateMLArrayBreakdown, type MLArraySize } from './mlarray-size';
export { calculateNeuralNetworkSize, type NeuralNetworkSize, type LayerSize } from './neural-network-size';
export { calculateRegressionSize, type RegressionSize } from './regression-size';
export {
  calculateDecisionNodeSize,
  calculateDecisionTreeSize,
  type DecisionNodeSize,
  type DecisionTreeSize,
  type TreeStructure,
} from './decision-tree-size';
export { calculateRandomForestSize, type RandomForestSize } from './random-forest-size';
export { calculateGraphSize, type GraphSize } from './graph-size';
export { countParameters } from './count-parameters';
export { memoryReport } from './memory-report';
export { measureHeap, MAX_RUNS, type HeapMeasurement, type MeasureHeapOptions } from './measure-heap';
export { ITERABLE_CAP } from './iterable-cap';
export { type MemoryBreakdown } from './breakdown';
export { type OptimizerSize, type OptimizerStateSize } from './optimizer-size';
export {
  type OptimizerLike,
  type LayerLike,
  type NeuralNetworkLike,
  type RegressionLike,
  type DecisionNodeLike,
  type DecisionTreeLike,
  type RandomForestLike,
} from './models';
export { FULL_POINTERS, COMPRESSED_POINTERS, detectLayout, type V8Layout, type SizeOptions } from './layout';
