// Run as `node --expose-gc heap-agreement.cjs`: builds each structure the estimates
// describe, measures the heap it keeps with measureHeap (median of 7 runs, each
// after forced GC, after two unmeasured warm-up runs) and prints estimate and measurement as JSON for the jest test.
require('./register-ts.cjs');
const { Value, randn, Rng } = require('@smolml/core');
const mem = require('../../src/index.ts');
const { MLPStandIn, AdamStandIn, RandomForestStandIn, trainedTree } = require('./stand-ins.ts');

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
// Two unmeasured runs first: the first calls also compile code, which is not the result's.
const RUNS = 7, WARMUP = 2;
const results = {};

function arrays(count, n, withGrad) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const a = randn(n);
    if (withGrad) a.sum().backward();
    out.push(a);
  }
  return out;
}
// The list holding the results is part of what is measured: an array of references.
const listBytes = (n) => 32 + 16 + 8 * n;

function compare(name, build, estimate) {
  const m = mem.measureHeap(build, { runs: RUNS, warmup: WARMUP });
  results[name] = { estimate: estimate(m.result), measured: m.bytes, samples: m.samples, gcExposed: m.gcExposed };
}

const sumArrays = (list) => list.reduce((s, a) => s + mem.calculateMLArraySize(a), 0) + listBytes(list.length);
compare('10000 arrays of 100', () => arrays(10000, 100, false), sumArrays);
compare('10000 arrays of 100 with gradients', () => arrays(10000, 100, true), sumArrays);
compare('10000 arrays of 4 (bytes on the V8 heap)', () => arrays(10000, 4, false), sumArrays);

// The network as one training step leaves it: gradients on every parameter (the
// model's `grad` wrappers included, as an optimizer reads them) and Adam's two moment
// buffers. The step's forward graph is garbage by then; it is left out here (a
// trivial backward per parameter allocates the same gradient buffers) because V8
// sometimes frees dead ArrayBuffers' bytes a few collections late, and megabytes of
// graph garbage would then blur the measurement. The graph is measured on its own below.
function mlp() {
  const model = new MLPStandIn([784, 128, 10], new AdamStandIn());
  const params = model.params();
  for (const p of params) p.sum().backward();
  model.optimizer.step(params);
  return model;
}
compare('784-128-10 network with Adam state', mlp, (model) => mem.calculateNeuralNetworkSize(model).total);

// The graph of one forward pass (batch 256) over a network whose parameters already
// have gradients: what the forward pass keeps, and what backward() then adds.
const net = mlp();
const rng = new Rng(11);
const x = randn([256, 784], { rng, requiresGrad: false });
const y = randn([256, 10], { rng, requiresGrad: false });
const lossOf = () => net.lossFunction(net.forward(x), y);
compare('graph of a forward pass (activations)', lossOf, (loss) => mem.calculateGraphSize(loss).activations);
compare('graph after backward (activations + gradients)', () => {
  const loss = lossOf();
  loss.backward();
  return loss;
}, (loss) => {
  const g = mem.calculateGraphSize(loss);
  return g.activations + g.gradients;
});

function values(count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const v = new Value(i + 0.5);
    v.grad = i + 0.25;
    out.push(v);
  }
  return out;
}
compare('100000 Values', () => values(100000), (list) => list.reduce((s, v) => s + mem.calculateValueSize(v), 0) + listBytes(list.length));

function forest() {
  const f = new RandomForestStandIn(8);
  for (let i = 0; i < 8; i++) f.trees.push(trainedTree(10));
  return f;
}
compare('random forest of 8 trees of depth 10', forest, (f) => mem.calculateRandomForestSize(f).total);

process.stdout.write(JSON.stringify(results));
