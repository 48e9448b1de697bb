// Run as `node --expose-gc heap-agreement.cjs <group>`: builds each structure the
// estimates describe, measures the heap it keeps with measureHeap (median of 7 runs,
// each after forced GC, after unmeasured warm-up runs) and prints estimate and
// measurement as JSON for the jest test.
require('./register-ts.cjs');
const { MLArray, Value, randn, zeros, Rng } = require('@smolml/core');
// The fused ops of the sibling packages, from their sources (register-ts maps
// @smolml/<name> to packages/<name>/src): this script is the only place this package
// uses them, to check that what they declare in `saved` is what they keep.
const { gelu } = require('@smolml/activations');
const { categoricalCrossEntropyWithLogits } = require('@smolml/losses');
const mem = require('../../src/index.ts');
const { MLPStandIn, AdamStandIn, RandomForestStandIn, trainedTree } = require('./stand-ins.ts');

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
// Unmeasured runs first: the first calls also compile code, which is not the result's.
// A graph's ops take ten: the optimising compiler installs code for them over the first
// calls (on a background thread, so a measured run can catch it), and a graph is cheap
// to build, unlike 10,000 arrays.
const RUNS = 7, WARMUP = 2, GRAPH_WARMUP = 10;
const results = {};
// `node heap-agreement.cjs <group> [substring]`: the group is 'float64' (its arrays,
// network and graphs), 'float32' (the same in float32) or 'other' (Values, trees), so
// the jest test can run the three in parallel; a substring keeps only the cases
// whose name contains it.
const group = process.argv[2] ?? 'float64';
const only = process.argv[3];

// A float32 case is measured only where core has float32 (it landed with the dtype issue).
const HAS_FLOAT32 = zeros([1], { dtype: 'float32' }).dtype === 'float32';
const DTYPES = group === 'float64' ? ['float64'] : group === 'float32' && HAS_FLOAT32 ? ['float32'] : [];

// randn(n) builds its shape from its arguments; `new MLArray(nested)` infers it.
function arrays(count, n, { withGrad = false, dtype = 'float64', nested = false } = {}) {
  const out = [];
  for (let i = 0; i < count; i++) {
    let a;
    if (nested) {
      const list = [];
      for (let j = 0; j < n; j++) list.push(i + j + 0.5);
      a = new MLArray(list, { dtype });
    } else {
      a = randn([n], { dtype });
    }
    if (withGrad) a.sum().backward();
    out.push(a);
  }
  return out;
}
// The list holding the results is part of what is measured: an array of references.
const listBytes = (n) => 32 + 16 + 8 * n;

function compare(name, build, estimate, warmup = WARMUP) {
  if (only !== undefined && !name.includes(only)) return;
  const m = mem.measureHeap(build, { runs: RUNS, warmup });
  results[name] = { estimate: estimate(m.result), measured: m.bytes, samples: m.samples, gcExposed: m.gcExposed };
}

const sumArrays = (list) => list.reduce((s, a) => s + mem.calculateMLArraySize(a), 0) + listBytes(list.length);
for (const dtype of DTYPES) {
  const tag = dtype === 'float64' ? '' : ` (${dtype})`;
  compare(`10000 arrays of 100${tag}`, () => arrays(10000, 100, { dtype }), sumArrays);
  compare(`10000 arrays of 100 with gradients${tag}`, () => arrays(10000, 100, { dtype, withGrad: true }), sumArrays);
  compare(`10000 arrays of 4 (bytes on the V8 heap)${tag}`, () => arrays(10000, 4, { dtype }), sumArrays);
  compare(`10000 arrays of 4 with gradients${tag}`, () => arrays(10000, 4, { dtype, withGrad: true }), sumArrays);
  // Odd float32 lengths pad their on-heap bytes to 8.
  compare(`10000 arrays of 7${tag}`, () => arrays(10000, 7, { dtype }), sumArrays);
  compare(`10000 arrays of 100 from nested lists${tag}`, () => arrays(10000, 100, { dtype, nested: true }), sumArrays);
}

// The network as one training step leaves it: gradients on every parameter and Adam's
// two moment buffers. The step's forward graph is garbage by then; it is left out here
// (a trivial backward per parameter allocates the same gradient buffers) because V8
// sometimes frees dead ArrayBuffers' bytes a few collections late, and megabytes of
// graph garbage would then blur the measurement. The graph is measured on its own below.
function mlp(dtype = 'float64') {
  const model = new MLPStandIn([784, 128, 10], new AdamStandIn(), 1, dtype);
  const params = model.params();
  for (const p of params) p.sum().backward();
  model.optimizer.step(params);
  return model;
}
for (const dtype of DTYPES) {
  const tag = dtype === 'float64' ? '' : ` (${dtype})`;
  compare(`784-128-10 network with Adam state${tag}`, () => mlp(dtype), (model) => mem.calculateNeuralNetworkSize(model).total);
}

// The graph of one forward pass (batch 256) over a network whose parameters already
// have gradients: what the forward pass keeps, and what backward() then adds.
const activations = (loss) => mem.calculateGraphSize(loss).activations;
const afterBackward = (loss) => {
  const g = mem.calculateGraphSize(loss);
  return g.activations + g.gradients;
};
const withBackward = (lossOf) => () => {
  const loss = lossOf();
  loss.backward();
  return loss;
};
for (const dtype of DTYPES) {
  const tag = dtype === 'float64' ? '' : ` (${dtype})`;
  const net = mlp(dtype);
  const rng = new Rng(11);
  const x = randn([256, 784], { rng, requiresGrad: false, dtype });
  const y = randn([256, 10], { rng, requiresGrad: false, dtype });
  const lossOf = () => net.lossFunction(net.forward(x), y);
  compare(`graph of a forward pass (activations)${tag}`, lossOf, activations, GRAPH_WARMUP);
  compare(`graph after backward (activations + gradients)${tag}`, withBackward(lossOf), afterBackward, GRAPH_WARMUP);

  // The same network with fused ops: gelu (it saves Φ(x)) and the logits
  // cross-entropy (it saves e^(z − max), the row maxima and the row sums).
  const labels = zeros([256, 10], { requiresGrad: false, dtype });
  for (let i = 0; i < 256; i++) labels.data[i * 10 + (i % 10)] = 1;
  const [l0, l1] = net.layers;
  const fusedLossOf = () => categoricalCrossEntropyWithLogits(gelu(x.matmul(l0.weights).add(l0.biases)).matmul(l1.weights).add(l1.biases), labels);
  compare(`fused graph: gelu and logits cross-entropy (activations)${tag}`, fusedLossOf, activations, GRAPH_WARMUP);
  compare(`fused graph: gelu and logits cross-entropy after backward${tag}`, withBackward(fusedLossOf), afterBackward, GRAPH_WARMUP);
}

if (group === 'other') {
  const values = (count) => {
    const out = [];
    for (let i = 0; i < count; i++) {
      const v = new Value(i + 0.5);
      v.grad = i + 0.25;
      out.push(v);
    }
    return out;
  };
  compare('100000 Values', () => values(100000), (list) => list.reduce((s, v) => s + mem.calculateValueSize(v), 0) + listBytes(list.length));

  const forest = () => {
    const f = new RandomForestStandIn(8);
    for (let i = 0; i < 8; i++) f.trees.push(trainedTree(10));
    return f;
  };
  compare('random forest of 8 trees of depth 10', forest, (f) => mem.calculateRandomForestSize(f).total);
}

process.stdout.write(JSON.stringify({ hasFloat32: HAS_FLOAT32, results }));
