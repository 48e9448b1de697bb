// Why the logits cross-entropies stay fused customOps: each against its composition from
// core's logsumexp and takeAlongAxis, forward and backward, in both dtypes. Paired rounds
// in alternating order, the median of the per-round ratios (robust on a loaded machine).
// Run after a build (pnpm --filter @smolml/losses build): node packages/losses/bench/cross-entropy.cjs
const core = require('@smolml/core');
const losses = require('../dist/index.js');
const rng = new core.Rng(3);
const median = (a) => a.slice().sort((p, q) => p - q)[a.length >> 1];

function composedSparse(z, labels) {           // labels: number[]
  const idx = core.MLArray.from(labels, [...z.shape.slice(0, -1), 1], { requiresGrad: false });
  const zy = z.takeAlongAxis(idx, -1).reshape(z.shape.slice(0, -1));
  return z.logsumexp(-1).sub(zy).mean();
}
function composedDense(z, t) {                 // Σ t·(lse − z) per row, every term ≥ 0
  return t.mul(z.logsumexp(-1, true).sub(z)).sum(-1).mean();
}
function run(name, a, b, make) {
  const ratios = [], as = [], bs = [];
  const time = (f) => { const [z, y] = make(); const t0 = process.hrtime.bigint(); f(z, y).backward(); return Number(process.hrtime.bigint() - t0) / 1e6; };
  for (let r = 0; r < 200; r++) {
    let ta, tb;
    if (r % 2) { ta = time(a); tb = time(b); } else { tb = time(b); ta = time(a); }
    if (r >= 40) { ratios.push(tb / ta); as.push(ta); bs.push(tb); }
  }
  console.log(`${name}: fused ${median(as).toFixed(3)} ms, composed ${median(bs).toFixed(3)} ms, median paired ratio composed/fused ${median(ratios).toFixed(2)}`);
}
for (const [n, k] of [[64, 10], [256, 1000]]) {
  for (const dtype of ['float64', 'float32']) {
    const zd = new Float64Array(n * k).map(() => rng.normal() * 3);
    const labels = Array.from({ length: n }, () => Math.floor(rng.uniform() * k));
    const onehot = new Float64Array(n * k); labels.forEach((c, i) => { onehot[i * k + c] = 1; });
    const makeS = () => [core.MLArray.from(zd, [n, k], { dtype }), labels];
    const makeD = () => [core.MLArray.from(zd, [n, k], { dtype }), core.MLArray.from(onehot, [n, k], { dtype, requiresGrad: false })];
    run(`sparse fromLogits [${n},${k}] ${dtype}`, (z, y) => losses.sparseCategoricalCrossEntropy(z, y, { fromLogits: true }), composedSparse, makeS);
    run(`dense logits    [${n},${k}] ${dtype}`, (z, y) => losses.categoricalCrossEntropyWithLogits(z, y), composedDense, makeD);
  }
}
