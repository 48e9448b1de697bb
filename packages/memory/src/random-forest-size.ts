import { describeArg } from '@smolml/core';
import { Ledger } from './ledger';
import { type SizeOptions, layoutOf } from './layout';
import type { RandomForestLike } from './models';
import { type DecisionTreeSize, treeSize } from './decision-tree-size';

/** The memory of a random forest, tree by tree. */
export interface RandomForestSize {
  /** `baseSize + trees.total`. */
  total: number;
  /** The forest object, its settings and its list of trees (without the trees). */
  baseSize: number;
  trees: {
    total: number;
    individual: DecisionTreeSize[];
  };
  forestStats: {
    /** `model.nTrees`, or the number of trees when the model has no such field. */
    nTrees: number;
    maxFeatures: number | string | null;
    /** Mean of the trees' `maxDepth` (edges); 0 for an untrained forest. */
    avgTreeDepth: number;
    /** Mean number of nodes per tree; 0 for an untrained forest. */
    avgTreeNodes: number;
  };
}

const FN = 'calculateRandomForestSize';

/**
 * The bytes of a random forest: its own object and settings, then each tree with its
 * node counts, plus the average depth and size of its trees.
 *
 * @example
 * const report = calculateRandomForestSize(forest);
 * report.trees.individual[0].treeStructure.leafNodes;
 * report.forestStats.avgTreeDepth;
 */
export function calculateRandomForestSize(model: RandomForestLike, options?: SizeOptions): RandomForestSize {
  const trees = typeof model === 'object' && model !== null ? (model as { trees?: unknown }).trees : undefined;
  if (!Array.isArray(trees)) {
    throw new TypeError(`${FN}: expected a random forest object with a trees array, got ${describeArg(model)}`);
  }
  const ledger = new Ledger(layoutOf(FN, options), FN);
  ledger.walk(model, new Set(['trees']));
  ledger.arrayShell(trees);
  const baseSize = ledger.total;
  // An indexed loop, not map: a hole in the list is an error, not a skipped tree.
  const individual: DecisionTreeSize[] = [];
  for (let i = 0; i < trees.length; i++) {
    try {
      individual.push(treeSize(FN, trees[i], ledger));
    } catch (e) {
      if (e instanceof TypeError) throw new TypeError(e.message.replace(`${FN}:`, `${FN}: trees[${i}]:`));
      throw e;
    }
  }
  let depth = 0, nodes = 0;
  for (const t of individual) {
    depth += t.treeStructure.maxDepth;
    nodes += t.treeStructure.internalNodes + t.treeStructure.leafNodes;
  }
  const n = individual.length;
  const nTrees = (model as { nTrees?: unknown }).nTrees;
  if (nTrees !== undefined) {
    if (typeof nTrees !== 'number') throw new TypeError(`${FN}: model.nTrees must be a number, got ${describeArg(nTrees)}`);
    if (!Number.isSafeInteger(nTrees) || nTrees < 0) throw new RangeError(`${FN}: model.nTrees must be a non-negative integer, got ${nTrees}`);
  }
  const maxFeatures = (model as { maxFeatures?: unknown }).maxFeatures;
  if (maxFeatures !== undefined && maxFeatures !== null && typeof maxFeatures !== 'string') {
    if (typeof maxFeatures !== 'number') throw new TypeError(`${FN}: model.maxFeatures must be a number, a string or null, got ${describeArg(maxFeatures)}`);
    if (!Number.isFinite(maxFeatures) || maxFeatures < 0) throw new RangeError(`${FN}: model.maxFeatures must be a finite, non-negative number, got ${maxFeatures}`);
  }
  const treesTotal = individual.reduce((s, t) => s + t.total, 0);
  return {
    total: baseSize + treesTotal,
    baseSize,
    trees: { total: treesTotal, individual },
    forestStats: {
      nTrees: nTrees ?? n,
      maxFeatures: maxFeatures ?? null,
      avgTreeDepth: n === 0 ? 0 : depth / n,
      avgTreeNodes: n === 0 ? 0 : nodes / n,
    },
  };
}
