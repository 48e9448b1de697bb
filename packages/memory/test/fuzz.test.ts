import * as fc from 'fast-check';
import { MLArray, ShapeError, Value, customOp, randn, zeros } from '@smolml/core';
import * as memory from '../src';

// Random bad values (wrong types, NaN, negative, fractional, huge, forged arrays and
// Values, malformed models, optimizers and layouts) thrown at every public function.
// What may come out: a correct result, or a TypeError / RangeError / ShapeError whose
// message starts with the function's name and is not an engine's generic message. The
// inputs must be unchanged afterwards. Fixed seed, bounded sizes; a hang would trip
// jest's timeout.
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_610);
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const GENERIC = /Cannot read propert|is not a function|is not iterable|is not a constructor|Invalid typed array length|Maximum call stack|Cannot convert|undefined is not|null is not|Invalid array length/;

// Real arrays to mix in, so some cases are valid and must give correct results.
const x = randn([3]), w32 = randn([2, 2], { dtype: 'float32' }), b = zeros([1, 2]);
const node = x.mul(2).exp().sum();
const fused = customOp('double', [x], x.data.map((v) => 2 * v), x.shape, (g, [gx]) => {
  if (gx) for (let i = 0; i < g.length; i++) gx[i] += 2 * g[i];
}, { saved: [new Float64Array(4)] });
const realArrays = [x, w32, b, node, fused];

const BRAND = Symbol.for('smolml.MLArray');
const forgedArray = fc.record({
  [BRAND]: fc.constant(true),
  data: fc.oneof(fc.array(fc.anything(), { maxLength: 4 }), fc.constant(new Float64Array(1)), fc.constant(new Int8Array(4)), fc.string()),
  shape: fc.oneof(fc.array(fc.oneof(fc.integer({ min: -2, max: 4 }), fc.double()), { maxLength: 3 }), fc.anything()),
  size: fc.oneof(fc.integer({ min: -1, max: 8 }), fc.double()),
  requiresGrad: fc.anything(),
  _prev: fc.oneof(fc.constant([]), fc.anything()),
}, { requiredKeys: [BRAND] as never[] });
const forgedValue = fc.record({ [Symbol.for('smolml.Value')]: fc.constant(true), data: fc.anything(), grad: fc.anything() });

const anything = fc.anything({
  maxDepth: 2,
  maxKeys: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});
const badNumber = fc.oneof(fc.constant(NaN), fc.constant(-1), fc.constant(1.5), fc.constant(Infinity), fc.constant(-Infinity), fc.constant(2 ** 60), fc.constant(-0), fc.double());
const arrayish = fc.oneof(fc.constantFrom(...realArrays), forgedArray, anything, badNumber);

const stateArrays = fc.constantFrom<unknown>(
  () => [x, w32],
  () => 42,
  () => null,
  () => [x, 'not an array'],
  () => ({ [Symbol.iterator]: () => 1 }),
  () => ({ [Symbol.iterator]: () => ({ next: () => 5 }) }),
  function* () { yield x; yield { data: [1] }; },
  'stateArrays',
);
const optimizerish = fc.oneof(fc.constant(undefined), fc.constant(null), anything, fc.record({ stateArrays }));

const layoutish = fc.oneof(
  fc.constantFrom(memory.FULL_POINTERS, memory.COMPRESSED_POINTERS),
  anything,
  fc.record({ key: fc.constantFrom(...Object.keys(memory.FULL_POINTERS)), value: fc.oneof(anything, badNumber) })
    .map(({ key, value }) => ({ ...memory.FULL_POINTERS, [key]: value })),
);
const options = fc.oneof(fc.constant(undefined), anything, fc.record({ layout: layoutish }, { requiredKeys: [] }));

const layer = fc.oneof(fc.record({ weights: arrayish, biases: arrayish }, { requiredKeys: [] }), anything);
const network = fc.oneof(
  anything,
  fc.record({ layers: fc.oneof(fc.array(layer, { maxLength: 3 }), anything), optimizer: optimizerish }, { requiredKeys: ['layers'] }),
);
const regression = fc.oneof(anything, fc.record({ weights: arrayish, bias: arrayish, optimizer: optimizerish }, { requiredKeys: [] }));
const treeNode: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anything,
    fc.record({ featureIdx: fc.oneof(badNumber, anything), threshold: fc.oneof(badNumber, anything), left: tie('node'), right: tie('node'), value: anything }, { requiredKeys: [] }),
  ),
})).node;
const tree = fc.oneof(anything, fc.record({ root: treeNode, maxDepth: fc.oneof(badNumber, anything) }, { requiredKeys: [] }));
const forest = fc.oneof(anything, fc.record({ trees: fc.oneof(fc.array(tree, { maxLength: 3 }), anything), nTrees: fc.oneof(badNumber, anything) }, { requiredKeys: [] }));
const listish = fc.oneof(fc.array(arrayish, { maxLength: 4 }), fc.constant(new Set(realArrays)), network, regression);
const heapOptions = fc.oneof(options, fc.record({ runs: fc.oneof(badNumber, anything, fc.integer({ min: 1, max: 3 })), warmup: fc.oneof(badNumber, anything, fc.integer({ min: 0, max: 2 })) }, { requiredKeys: [] }));

type Case = [name: string, call: (...args: unknown[]) => unknown, args: fc.Arbitrary<unknown[]>];
const fn = <F>(f: F): ((...args: unknown[]) => unknown) => f as unknown as (...args: unknown[]) => unknown;
const CASES: Case[] = [
  ['formatSize', fn(memory.formatSize), fc.tuple(fc.oneof(badNumber, anything, fc.nat()))],
  ['calculateValueSize', fn(memory.calculateValueSize), fc.tuple(fc.oneof(fc.constant(new Value(1.5)), forgedValue, anything, arrayish), options)],
  ['calculateMLArraySize', fn(memory.calculateMLArraySize), fc.tuple(arrayish, options)],
  ['calculateMLArrayBreakdown', fn(memory.calculateMLArrayBreakdown), fc.tuple(arrayish, options)],
  ['calculateGraphSize', fn(memory.calculateGraphSize), fc.tuple(arrayish, options)],
  ['calculateNeuralNetworkSize', fn(memory.calculateNeuralNetworkSize), fc.tuple(network, options)],
  ['calculateRegressionSize', fn(memory.calculateRegressionSize), fc.tuple(regression, options)],
  ['memoryReport', fn(memory.memoryReport), fc.tuple(fc.oneof(network, regression), options)],
  ['countParameters', fn(memory.countParameters), fc.tuple(listish)],
  ['calculateDecisionNodeSize', fn(memory.calculateDecisionNodeSize), fc.tuple(treeNode, options)],
  ['calculateDecisionTreeSize', fn(memory.calculateDecisionTreeSize), fc.tuple(tree, options)],
  ['calculateRandomForestSize', fn(memory.calculateRandomForestSize), fc.tuple(forest, options)],
  ['measureHeap', fn(memory.measureHeap), fc.tuple(fc.oneof(fc.constant(() => zeros(2)), anything, badNumber), heapOptions)],
  ['detectLayout', fn(memory.detectLayout), fc.tuple()],
];

// Every number a result holds is a finite byte count or count (measureHeap's growth may
// be negative; it is skipped); strings are what formatSize and memoryReport return.
function checkResult(name: string, r: unknown): void {
  if (name === 'measureHeap') {
    expect(typeof r).toBe('object');
    return;
  }
  const stack: unknown[] = [r];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      expect(Number.isFinite(v) && v >= 0).toBe(true);
    } else if (typeof v === 'string') {
      expect(v).not.toMatch(/NaN|undefined|Infinity/);
    } else if (typeof v === 'object' && v !== null && !seen.has(v) && !(v instanceof MLArray)) {
      seen.add(v);
      stack.push(...Object.values(v));
    }
  }
}

describe('fuzz: bad values at every public function', () => {
  it('covers every exported function', () => {
    const exported = Object.entries(memory).filter(([, v]) => typeof v === 'function').map(([k]) => k).sort();
    expect(CASES.map(([name]) => name).sort()).toEqual(exported);
  });

  it.each(CASES)('%s gives a correct result or a typed error naming it, and leaves its inputs unchanged', (name, call, args) => {
    let results = 0, errors = 0;
    fc.assert(
      fc.property(args, (input) => {
        const before = fc.stringify(input);
        const arrays = realArrays.map((a) => fc.stringify([a.data, a.gradData, a.shape]));
        let result: unknown, error: unknown = null;
        try {
          result = call(...input);
        } catch (e) {
          error = e;
        }
        expect(fc.stringify(input)).toBe(before);
        expect(realArrays.map((a) => fc.stringify([a.data, a.gradData, a.shape]))).toEqual(arrays);
        if (error === null) {
          results++;
          checkResult(name, result);
          return;
        }
        errors++;
        const ok = error instanceof TypeError || error instanceof RangeError || error instanceof ShapeError;
        if (!ok) throw new Error(`${name} threw ${String(error)} for ${before}`);
        const message = (error as Error).message;
        if (!message.startsWith(`${name}:`) || GENERIC.test(message)) throw new Error(`${name}: untyped message "${message}" for ${before}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both outcomes occur, so the generators reach past the first check (detectLayout takes no input).
    if (name !== 'detectLayout') expect(errors).toBeGreaterThan(0);
    expect(results).toBeGreaterThan(0);
  });
});
