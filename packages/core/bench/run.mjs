// `pnpm bench` for @smolml/core: times the hot paths on the built package.
// Absolute times depend on the machine and on what else it is doing; compare runs
// made in one session, and see packages/bench for ratios against TensorFlow.js.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { MLArray, Value, Rng, randn } = require('../dist/index.js');

const rng = new Rng(0);
const gc = globalThis.gc ?? (() => {});

function time(fn, { reps = 15, warmup = 3, collect = true } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    if (collect) gc();
    const t0 = process.hrtime.bigint();
    fn();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[ts.length >> 1], min: ts[0], max: ts[ts.length - 1] };
}

const rows = [];
function report(name, t, extra = '') {
  rows.push({ name, ...t, extra });
  console.log(`${name.padEnd(34)} ${t.median.toFixed(3).padStart(10)} ms  (min ${t.min.toFixed(3)}, max ${t.max.toFixed(3)})  ${extra}`);
}

console.log(`@smolml/core benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);

for (const n of [64, 256, 512]) {
  const a = randn([n, n], { rng, requiresGrad: false });
  const b = randn([n, n], { rng, requiresGrad: false });
  const t = time(() => a.matmul(b), { reps: n >= 512 ? 7 : 20 });
  report(`matmul ${n}x${n}`, t, `${((2 * n ** 3) / (t.median * 1e6)).toFixed(2)} GFLOP/s`);
}

{
  const N = 1_000_000;
  const a = randn([N], { rng, requiresGrad: false });
  const b = randn([N], { rng, requiresGrad: false });
  const c = randn([N], { rng, requiresGrad: false });
  const t = time(() => a.mul(b).add(c).relu());
  report('relu(a*b+c), 1M elements', t, `${(N / (t.median * 1e3)).toFixed(0)} Melem/s`);
}

{
  const batch = 64;
  const x = randn([batch, 784], { rng, requiresGrad: false });
  const y = randn([batch, 10], { rng, requiresGrad: false });
  const w1 = randn([784, 128], { rng }).mul(0.05).detach();
  w1.requiresGrad = true;
  const b1 = new MLArray(new Array(128).fill(0));
  const w2 = randn([128, 10], { rng }).mul(0.1).detach();
  w2.requiresGrad = true;
  const b2 = new MLArray(new Array(10).fill(0));
  const t = time(() => {
    for (const p of [w1, b1, w2, b2]) p.zeroGrad();
    const out = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
    out.sub(y).pow(2).mean().backward();
  });
  report('MLP 784-128-10 fwd+bwd, batch 64', t, '(MSE head, core ops only)');
}

{
  const N = 1_000_000;
  const t = time(() => {
    // Half the ops build a chain, half add fresh leaves: 1M nodes in all.
    let acc = new Value(0.5);
    for (let i = 0; i < N / 2; i++) acc = acc.mul(0.999999).add(new Value(1e-6));
    acc.backward();
    // No forced collection before each rep: building a million nodes is mostly
    // allocation, and a program that does it runs on a heap that is already grown.
  }, { reps: 7, warmup: 2, collect: false });
  report('1M Value ops, build + backward', t, `${(N / (t.median * 1e3)).toFixed(2)}M ops/s`);
}
