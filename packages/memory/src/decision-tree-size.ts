import { describeArg } from '@smolml/core';
import { Ledger } from './ledger';
import { type SizeOptions, layoutOf } from './layout';
import type { DecisionNodeLike, DecisionTreeLike } from './models';

/** The memory of one node and the subtree below it. */
export interface DecisionNodeSize {
  /** The node and everything below it. */
  total: number;
  /** The node alone: its object, its split rule and its leaf value. */
  nodeSize: number;
  /** Totals of the two subtrees (0 where there is no child). */
  children: { left: number; right: number };
  /** A leaf has no children. */
  nodeType: 'leaf' | 'internal';
}

/** The shape and memory of a trained tree. */
export interface TreeStructure {
  /** Bytes of all nodes. */
  total: number;
  internalNodes: number;
  leafNodes: number;
  /**
   * Edges on the longest root-to-leaf path: 0 for a lone root, the same count as the
   * tree's `maxDepth` option. (The original SmolML reported one more: it counted levels.)
   */
  maxDepth: number;
}

/** The memory of a decision tree. */
export interface DecisionTreeSize {
  /** `baseSize + treeStructure.total`. */
  total: number;
  /** The tree object and its settings (maxDepth, minSamplesSplit, task, …), without the nodes. */
  baseSize: number;
  treeStructure: TreeStructure;
}

const CHILDREN: ReadonlySet<PropertyKey> = new Set(['left', 'right']);

function isNode(x: unknown): x is DecisionNodeLike {
  return typeof x === 'object' && x !== null;
}

function childrenOf(node: DecisionNodeLike): [DecisionNodeLike | null, DecisionNodeLike | null] {
  const { left, right } = node;
  return [isNode(left) ? left : null, isNode(right) ? right : null];
}

function checkNode(fn: string, node: unknown, what: string): asserts node is DecisionNodeLike {
  if (!isNode(node)) {
    throw new TypeError(`${fn}: ${what} must be a decision node object, got ${describeArg(node)}`);
  }
}

/** @internal Node counts and depth, iteratively (a degenerate tree can be as deep as it has samples). */
export function analyzeTree(fn: string, root: DecisionNodeLike): Omit<TreeStructure, 'total'> {
  let internalNodes = 0, leafNodes = 0, maxDepth = 0;
  const seen = new Set<DecisionNodeLike>();
  const stack: [DecisionNodeLike, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [DecisionNodeLike, number];
    if (seen.has(node)) throw new TypeError(`${fn}: a node is reachable by two paths, so this is not a tree`);
    seen.add(node);
    const [left, right] = childrenOf(node);
    if (left === null && right === null) leafNodes++;
    else internalNodes++;
    if (depth > maxDepth) maxDepth = depth;
    if (right !== null) stack.push([right, depth + 1]);
    if (left !== null) stack.push([left, depth + 1]);
  }
  return { internalNodes, leafNodes, maxDepth };
}

/** @internal A node's bytes into `ledger`. */
export function nodeSize(node: DecisionNodeLike, ledger: Ledger): DecisionNodeSize {
  const [left, right] = childrenOf(node);
  const t0 = ledger.total;
  ledger.walk(node, CHILDREN);
  const own = ledger.total - t0;
  const t1 = ledger.total;
  if (left !== null) ledger.walk(left);
  const t2 = ledger.total;
  if (right !== null) ledger.walk(right);
  const t3 = ledger.total;
  return {
    total: t3 - t0,
    nodeSize: own,
    children: { left: t2 - t1, right: t3 - t2 },
    nodeType: left === null && right === null ? 'leaf' : 'internal',
  };
}

/**
 * The bytes of a decision-tree node and its subtree: the node's own object with its
 * feature index, threshold and leaf value (a number, or an array of class
 * probabilities), and the totals of its left and right subtrees.
 *
 * @example
 * const leaf = { featureIdx: null, threshold: null, left: null, right: null, value: 1 };
 * calculateDecisionNodeSize({ featureIdx: 0, threshold: 0.5, left: leaf, right: { ...leaf } }).nodeType; // 'internal'
 */
export function calculateDecisionNodeSize(node: DecisionNodeLike, options?: SizeOptions): DecisionNodeSize {
  checkNode('calculateDecisionNodeSize', node, 'node');
  analyzeTree('calculateDecisionNodeSize', node);
  return nodeSize(node, new Ledger(layoutOf('calculateDecisionNodeSize', options), 'calculateDecisionNodeSize'));
}

/** @internal A tree's bytes into `ledger`. */
export function treeSize(fn: string, model: DecisionTreeLike, ledger: Ledger): DecisionTreeSize {
  if (typeof model !== 'object' || model === null || !('root' in model)) {
    throw new TypeError(`${fn}: expected a decision tree object with a root field (null while untrained), got ${describeArg(model)}`);
  }
  const root = model.root;
  if (root !== null && root !== undefined) checkNode(fn, root, 'model.root');
  const t0 = ledger.total;
  ledger.walk(model, new Set(['root']));
  const baseSize = ledger.total - t0;
  let structure: TreeStructure = { total: 0, internalNodes: 0, leafNodes: 0, maxDepth: 0 };
  if (root !== null && root !== undefined) {
    const shape = analyzeTree(fn, root);
    const t1 = ledger.total;
    ledger.walk(root);
    structure = { total: ledger.total - t1, ...shape };
  }
  return { total: baseSize + structure.total, baseSize, treeStructure: structure };
}

/**
 * The bytes of a decision tree (its object and settings, then every node) with its node
 * counts and depth. An untrained tree (no root) has an empty structure.
 *
 * @example
 * const { treeStructure } = calculateDecisionTreeSize(tree);
 * treeStructure.leafNodes; // how many leaves the tree grew
 */
export function calculateDecisionTreeSize(model: DecisionTreeLike, options?: SizeOptions): DecisionTreeSize {
  return treeSize('calculateDecisionTreeSize', model, new Ledger(layoutOf('calculateDecisionTreeSize', options), 'calculateDecisionTreeSize'));
}
