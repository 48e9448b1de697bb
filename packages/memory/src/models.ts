import type { MLArray } from '@smolml/core';

// The model shapes this package understands. They are structural: any object with
// these fields fits, so @smolml/memory never imports a model or optimizer package,
// and models written by users fit too. Extra fields are welcome (and counted).

/**
 * What an optimizer must offer for its state to be counted: `stateArrays()` yields
 * every buffer it keeps (SGDMomentum's velocities, AdaGrad's squared-gradient sums,
 * Adam's first and second moments). Every `@smolml/optimizers` optimizer has it.
 *
 * @example
 * const adamLike = { stateArrays: () => [m1, v1, m2, v2] };
 */
export interface OptimizerLike {
  stateArrays(): Iterable<MLArray>;
}

/** A dense layer: `y = x · weights + biases`, weights shaped (fanIn, fanOut). */
export interface LayerLike {
  readonly weights: MLArray;
  readonly biases: MLArray;
}

/** A feed-forward network: the original SmolML `NeuralNetwork`. */
export interface NeuralNetworkLike {
  readonly layers: readonly LayerLike[];
  readonly optimizer?: OptimizerLike | null;
  readonly lossFunction?: unknown;
}

/** A linear or polynomial regression: `y = x · weights + bias`. */
export interface RegressionLike {
  readonly weights: MLArray;
  readonly bias: MLArray;
  readonly optimizer?: OptimizerLike | null;
}

/**
 * A decision-tree node: internal nodes split on `feature <= threshold` into `left` and
 * `right`; leaves (no children) hold a prediction in `value`.
 */
export interface DecisionNodeLike {
  readonly left?: DecisionNodeLike | null;
  readonly right?: DecisionNodeLike | null;
  readonly featureIdx?: number | null;
  readonly featureIndex?: number | null;
  readonly threshold?: number | null;
  readonly value?: unknown;
}

/** A decision tree: `root` is null or undefined until it is trained. */
export interface DecisionTreeLike {
  readonly root: DecisionNodeLike | null | undefined;
  readonly maxDepth?: number | null;
  readonly minSamplesSplit?: number;
  readonly minSamplesLeaf?: number;
  readonly task?: string;
}

/** A random forest: an ensemble of decision trees. */
export interface RandomForestLike {
  readonly trees: readonly DecisionTreeLike[];
  readonly nTrees?: number;
  readonly maxFeatures?: number | string | null;
  readonly bootstrap?: boolean;
  readonly task?: string;
}
