// `node --expose-gc --no-opt test/support/node-cost.cjs [float64|float32]` prints, for each op of
// core and the fused ops of the sibling packages, what recording one node costs beyond
// what memory counts from the node's declarations (its output array, parents list and
// `savedBuffers`): its backward closure, the closure's context and whatever small
// objects those keep. V8Layout.recordedNode is one constant for every op, set from the
// median this prints; the spread is in docs/memory.md. Not a test: a measurement to
// rerun when core's or a sibling's closures change (`--no-opt`: see heap-agreement.test.ts).
require('./register-ts.cjs');
const { randn, rand, customOp } = require('@smolml/core');
const act = require('@smolml/activations');
const loss = require('@smolml/losses');
const { Ledger } = require('../../src/ledger.ts');
const mem = require('../../src/index.ts');

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const N = 3000;
const dtype = process.argv[2] ?? 'float64';
const o = { dtype };
const x = randn([4], o), y = randn([4], o), m = randn([3, 4], o), b = randn([4], o), w = randn([4, 4], o);
const p = rand([3, 4], { dtype, requiresGrad: false });
const leaves = [x, y, m, b, w, p];
const ops = {
  add: () => x.add(y), 'add (broadcast)': () => m.add(b), 'mul (number)': () => x.mul(2), sub: () => x.sub(y), div: () => x.div(y),
  pow: () => x.pow(2), 'maximum (number)': () => x.maximum(0), maximum: () => x.maximum(y), neg: () => x.neg(), abs: () => x.abs(),
  exp: () => x.exp(), log: () => x.log(), sqrt: () => x.sqrt(), relu: () => x.relu(), tanh: () => x.tanh(), sigmoid: () => x.sigmoid(),
  clip: () => x.clip(-1, 1), sum: () => x.sum(), 'sum (axis)': () => m.sum(0), mean: () => x.mean(), max: () => m.max(1), std: () => m.std(1),
  matmul: () => m.matmul(w), transpose: () => m.transpose(), reshape: () => x.reshape(2, 2),
  'customOp (square)': () => customOp('square', [x], x.data.map((v) => v * v), x.shape, (g, [gx]) => {
    if (gx) for (let i = 0; i < g.length; i++) gx[i] += 2 * x.data[i] * g[i];
  }),
  gelu: () => act.gelu(x), softmax: () => act.softmax(m), logSoftmax: () => act.logSoftmax(m), softplus: () => act.softplus(x),
  leakyRelu: () => act.leakyRelu(x), elu: () => act.elu(x), silu: () => act.silu(x), mish: () => act.mish(x),
  categoricalCrossEntropyWithLogits: () => loss.categoricalCrossEntropyWithLogits(m, p), mseLoss: () => loss.mseLoss(m, p),
  binaryCrossEntropyWithLogits: () => loss.binaryCrossEntropyWithLogits(m, p), huberLoss: () => loss.huberLoss(m, p),
};
// The ledger's count with the closure constant at zero: what the declarations explain.
const declaredOnly = { ...mem.FULL_POINTERS, recordedNode: 0 };
const rows = [];
for (const [name, make] of Object.entries(ops)) {
  // Preallocated, so the list has no spare capacity the ledger would not see.
  const r = mem.measureHeap(() => {
    const out = new Array(N);
    for (let i = 0; i < N; i++) out[i] = make();
    return out;
  }, { runs: 5, warmup: 2 });
  const ledger = new Ledger(declaredOnly, 'node-cost');
  for (const l of leaves) ledger.mlarray(l);
  const t0 = ledger.total;
  ledger.walk(r.result);
  let nodes = 0;
  const seen = new Set(leaves), stack = [...r.result];
  while (stack.length > 0) {
    const n = stack.pop();
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.prev.length > 0) nodes++;
    stack.push(...n.prev);
  }
  const perNode = (r.bytes - (ledger.total - t0)) / nodes;
  rows.push({ op: name, nodes: nodes / N, perNode: Math.round(perNode) });
}
for (const r of rows) console.log(`${r.op.padEnd(36)} ${String(r.nodes).padStart(2)} node(s)  ${String(r.perNode).padStart(5)} bytes a node`);
const sorted = rows.map((r) => r.perNode).sort((a, c) => a - c);
console.log(`median ${sorted[sorted.length >> 1]}, range ${sorted[0]}–${sorted[sorted.length - 1]} (${dtype}, ${rows.length} ops); V8Layout.recordedNode = ${mem.FULL_POINTERS.recordedNode}`);
