import {
  FULL_POINTERS,
  type DecisionNodeLike,
  type DecisionTreeLike,
  type RandomForestLike,
  calculateDecisionNodeSize,
  calculateDecisionTreeSize,
  calculateRandomForestSize,
} from '../src';
import { DecisionNodeStandIn, DecisionTreeStandIn, RandomForestStandIn, fullTree, trainedTree } from './support/stand-ins';

const FULL = { layout: FULL_POINTERS };
const L = FULL_POINTERS;
const NODE_SHELL = L.objectHeader + 5 * L.tagged; // featureIdx, threshold, left, right, value

describe('calculateDecisionNodeSize', () => {
  it('sizes a leaf: its object plus a boxed fractional value', () => {
    const leaf = new DecisionNodeStandIn(null, null, null, null, 0.75);
    expect(calculateDecisionNodeSize(leaf, FULL)).toEqual({
      total: NODE_SHELL + L.heapNumber,
      nodeSize: NODE_SHELL + L.heapNumber,
      children: { left: 0, right: 0 },
      nodeType: 'leaf',
    });
    // a small-integer class label needs no box
    expect(calculateDecisionNodeSize(new DecisionNodeStandIn(null, null, null, null, 2), FULL).nodeSize).toBe(NODE_SHELL);
  });

  it('sizes an internal node and its subtrees', () => {
    const left = new DecisionNodeStandIn(null, null, null, null, 1);
    const right = new DecisionNodeStandIn(null, null, null, null, 0.5);
    const root = new DecisionNodeStandIn(3, 0.25, left, right);
    const r = calculateDecisionNodeSize(root, FULL);
    expect(r.nodeType).toBe('internal');
    expect(r.nodeSize).toBe(NODE_SHELL + L.heapNumber); // featureIdx 3 is a small integer, 0.25 is boxed
    expect(r.children).toEqual({ left: NODE_SHELL, right: NODE_SHELL + L.heapNumber });
    expect(r.total).toBe(r.nodeSize + r.children.left + r.children.right);
  });

  it('counts array-valued leaves (class probabilities) with their elements', () => {
    const leaf: DecisionNodeLike = { left: null, right: null, value: [0.25, 0.75] as unknown as number };
    const r = calculateDecisionNodeSize(leaf, FULL);
    expect(r.nodeSize).toBe(L.objectHeader + 3 * L.tagged + L.jsArray + L.fixedArrayHeader + 2 * 8);
  });

  it('walks a degenerate tree 100 000 nodes deep without overflowing the stack', () => {
    let node = new DecisionNodeStandIn(null, null, null, null, 1);
    for (let i = 0; i < 100_000; i++) node = new DecisionNodeStandIn(0, i, node, null);
    const r = calculateDecisionNodeSize(node, FULL);
    expect(r.total).toBe(100_001 * NODE_SHELL);
  });

  it('rejects a non-object and a graph that is not a tree', () => {
    expect(() => calculateDecisionNodeSize(null as unknown as DecisionNodeLike)).toThrow(TypeError);
    const a = new DecisionNodeStandIn(0, 0.5);
    a.left = a;
    expect(() => calculateDecisionNodeSize(a)).toThrow(/not a tree/);
  });
});

describe('calculateDecisionTreeSize', () => {
  it('counts nodes and depth like the original, depth in edges', () => {
    const r = calculateDecisionTreeSize(trainedTree(3), FULL);
    expect(r.treeStructure).toMatchObject({ internalNodes: 7, leafNodes: 8, maxDepth: 3 });
    expect(r.total).toBe(r.baseSize + r.treeStructure.total);
    expect(r.treeStructure.total).toBe(calculateDecisionNodeSize((trainedTree(3).root as DecisionNodeLike), FULL).total);
  });

  it('sizes the tree object and its settings as the base', () => {
    const t = new DecisionTreeStandIn(4, 2, 1, 'regression');
    const r = calculateDecisionTreeSize(t, FULL);
    // root, maxDepth, minSamplesSplit, minSamplesLeaf, task: small integers need no box
    const task = Math.ceil((L.stringHeader + 'regression'.length) / 8) * 8;
    expect(r.baseSize).toBe(L.objectHeader + 5 * L.tagged + task);
  });

  it('reports an untrained tree as an empty structure', () => {
    const r = calculateDecisionTreeSize(new DecisionTreeStandIn(), FULL);
    expect(r.treeStructure).toEqual({ total: 0, internalNodes: 0, leafNodes: 0, maxDepth: 0 });
    expect(r.total).toBe(r.baseSize);
  });

  it('gives a lone root depth 0', () => {
    const t = new DecisionTreeStandIn();
    t.root = new DecisionNodeStandIn(null, null, null, null, 1);
    expect(calculateDecisionTreeSize(t).treeStructure).toMatchObject({ internalNodes: 0, leafNodes: 1, maxDepth: 0 });
  });

  it('handles a lopsided tree', () => {
    const t = new DecisionTreeStandIn();
    t.root = new DecisionNodeStandIn(0, 0.5, fullTree(2), new DecisionNodeStandIn(null, null, null, null, 1));
    expect(calculateDecisionTreeSize(t).treeStructure).toMatchObject({ internalNodes: 4, leafNodes: 5, maxDepth: 3 });
  });

  it('rejects what is not a tree', () => {
    expect(() => calculateDecisionTreeSize({} as DecisionTreeLike)).toThrow(/with a root field/);
    expect(() => calculateDecisionTreeSize({ root: 3 } as unknown as DecisionTreeLike)).toThrow(/model\.root must be a decision node/);
  });
});

describe('calculateRandomForestSize', () => {
  it('reports each tree and the averages', () => {
    const forest = new RandomForestStandIn(3, 2);
    forest.trees.push(trainedTree(1), trainedTree(2), trainedTree(3));
    const r = calculateRandomForestSize(forest, FULL);
    expect(r.trees.individual).toHaveLength(3);
    expect(r.trees.individual.map((t) => t.treeStructure.maxDepth)).toEqual([1, 2, 3]);
    expect(r.trees.total).toBe(r.trees.individual.reduce((s, t) => s + t.total, 0));
    expect(r.total).toBe(r.baseSize + r.trees.total);
    expect(r.forestStats).toEqual({ nTrees: 3, maxFeatures: 2, avgTreeDepth: 2, avgTreeNodes: (3 + 7 + 15) / 3 });
  });

  it('sizes the forest object and its list of trees as the base', () => {
    const forest = new RandomForestStandIn(2, null, true, 'regression');
    forest.trees.push(trainedTree(1), trainedTree(1));
    const r = calculateRandomForestSize(forest, FULL);
    const task = Math.ceil((L.stringHeader + 'regression'.length) / 8) * 8;
    const list = L.jsArray + L.fixedArrayHeader + 2 * L.tagged;
    expect(r.baseSize).toBe(L.objectHeader + 5 * L.tagged + task + list);
  });

  it('reports an untrained forest with zero averages', () => {
    const r = calculateRandomForestSize(new RandomForestStandIn(10));
    expect(r.trees).toEqual({ total: 0, individual: [] });
    expect(r.forestStats).toEqual({ nTrees: 10, maxFeatures: null, avgTreeDepth: 0, avgTreeNodes: 0 });
  });

  it('rejects malformed forests, naming the bad tree', () => {
    expect(() => calculateRandomForestSize({ nTrees: 2 } as unknown as RandomForestLike)).toThrow(/with a trees array/);
    const bad = { trees: [trainedTree(1), { depth: 2 }] } as unknown as RandomForestLike;
    expect(() => calculateRandomForestSize(bad)).toThrow(/trees\[1\]/);
  });
});
