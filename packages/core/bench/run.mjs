// `pnpm bench` for @smolml/core: times the hot paths on the built package.
// Absolute times depend on the machine and on what else it is doing; compare runs
// made in one session, and see packages/bench for ratios against TensorFlow.js.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
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

// Milliseconds of CPU time this process has used: on a shared machine, wall time also
// counts the moments other processes hold the cores.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Two functions timed in alternation (warm-up first), in CPU time: medians of the same
// moments.
function timePair(f, g, reps) {
  for (let i = 0; i < 3; i++) { f(); g(); }
  const tf = [], tg = [];
  for (let i = 0; i < reps; i++) {
    for (const [fn, ts] of [[f, tf], [g, tg]]) {
      gc();
      const t0 = cpuMs();
      fn();
      ts.push(cpuMs() - t0);
    }
  }
  return [tf, tg].map((ts) => {
    ts.sort((a, b) => a - b);
    return { median: ts[ts.length >> 1], min: ts[0], max: ts[ts.length - 1] };
  });
}

const rows = [];
function report(name, t, extra = '') {
  rows.push({ name, ...t, extra });
  console.log(`${name.padEnd(34)} ${t.median.toFixed(3).padStart(10)} ms  (min ${t.min.toFixed(3)}, max ${t.max.toFixed(3)})  ${extra}`);
}

console.log(`@smolml/core benchmarks — node ${process.version}, ${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);

// matmul in both dtypes, the two interleaved rep by rep so that both see the same
// machine; the float32 row gives its speed against float64 (the float32 issue's bar is
// 1.6× at N = 256 and 512). These rows are timed in CPU time (the others in wall time).
// `node bench/gemm.mjs` times the kernels alone against a SIMD peak loop.
for (const n of [64, 128, 256, 512, 1024]) {
  const pair = ['float64', 'float32'].map((dtype) => ({
    a: randn([n, n], { rng, requiresGrad: false, dtype }),
    b: randn([n, n], { rng, requiresGrad: false, dtype }),
  }));
  const reps = n >= 1024 ? 5 : n >= 512 ? 9 : 21;
  const [t64, t32] = timePair(() => pair[0].a.matmul(pair[0].b), () => pair[1].a.matmul(pair[1].b), reps);
  const gflops = (t) => ((2 * n ** 3) / (t.median * 1e6)).toFixed(2);
  report(`matmul ${n}x${n} float64`, t64, `${gflops(t64)} GFLOP/s (CPU time)`);
  report(`matmul ${n}x${n} float32`, t32, `${gflops(t32)} GFLOP/s, ${(t64.median / t32.median).toFixed(2)}× float64`);
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
console.log(`\nload average after: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
