// `node bench/gemm.mjs [--quick] [--tiles] [--small] [--sizes=128,256]`: the gemm kernels on their
// own, against the machine's ceiling measured in the same run.
//
// It bundles bench/kernels.ts from the sources (with the esbuild that tsup brings), so
// it measures the kernels as they are in the working tree, internals included: the
// WebAssembly kernels in float64 and float32 (C = A·B, as matmul calls them), the
// JavaScript fallbacks, and a WebAssembly SIMD peak loop (multiplies and adds in
// registers, nothing else) in f32x4 and f64x2. Rounds are interleaved and each figure
// is the best round, timed in CPU time (--wall for wall time), so a busy machine (2
// cores shared) costs rounds, not the verdict; the load average is printed with the table.
//
// --tiles times the kernel alone on operands in cache for other tiles (rows × unroll),
// the measurements behind the choice documented in src/wasm/gemm-kernel.ts; --small
// times small and vector-shaped products, behind the thresholds in src/ops/gemm.ts.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const esbuild = createRequire(require.resolve('tsup'))('esbuild');
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'smolml-gemm-bench-'));
const out = join(dir, 'kernels.cjs');
esbuild.buildSync({ entryPoints: [join(here, 'kernels.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
const K = require(out);
rmSync(dir, { recursive: true, force: true });

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizesArg = args.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : [128, 256, 512, 1024];
const rounds = quick ? 3 : 12;
const fmt = (x) => x.toFixed(1).padStart(6);

// The clock: CPU time by default (user + system of this process, which computes on one
// thread), so the time other tenants of a shared machine hold the cores is left out;
// --wall for wall time.
const wall = args.includes('--wall');
const now = wall ? () => performance.now() : K.cpuMs;
/** Nanoseconds fn took by the clock. */
function once(fn) {
  const t0 = now();
  fn();
  return (now() - t0) * 1e6;
}

console.log(`gemm kernels — node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, ${new Date().toISOString()}`);
console.log(`clock: ${wall ? 'wall time' : 'CPU time of this process'}; load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);

if (args.includes('--tiles')) {
  // The kernel alone, operands already in WebAssembly memory and in cache.
  const [h, kc, w] = [64, 256, 64];
  for (const [mr, unroll] of [[4, 1], [4, 2], [4, 4], [5, 1], [6, 1], [2, 1]]) {
    const memory = new WebAssembly.Memory({ initial: 64 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(K.buildGemmModule(mr, unroll)), { env: { memory } });
    const cells = [];
    for (const dt of ['f64', 'f32']) {
      const H = dt === 'f64' ? new Float64Array(memory.buffer) : new Float32Array(memory.buffer);
      for (let i = 16; i < H.length; i++) H[i] = Math.random();
      const bytes = H.BYTES_PER_ELEMENT, hPad = Math.ceil(h / mr) * mr;
      const a = 64, b = a + hPad * kc * bytes, c = b + kc * w * bytes + 64;
      const g = inst.exports[`gemm_${dt}`];
      const reps = Math.round(1e8 / (2 * h * kc * w));
      let best = Infinity;
      for (let r = 0; r < rounds * 2; r++) best = Math.min(best, once(() => { for (let i = 0; i < reps; i++) g(a, b, c, hPad, kc, w, 0, 0); }));
      cells.push(`${dt} ${fmt((2 * h * kc * w * reps) / best)}`);
    }
    console.log(`tile ${mr} rows × 2 vectors, unroll ${unroll}: ${cells.join('  ')} GFLOP/s`);
  }
  console.log(`peak loop f32x4 ${fmt(K.peakGflops('f32', 2e6, 5, now))}  f64x2 ${fmt(K.peakGflops('f64', 2e6, 5, now))} GFLOP/s`);
  process.exit(0);
}

if (args.includes('--small')) {
  // Where each kernel wins on small and vector-shaped products (the thresholds in
  // src/ops/gemm.ts): microseconds per product, best of interleaved rounds, and the
  // JavaScript kernel's time over the WebAssembly one's (> 1: WebAssembly wins).
  const shapes = [[4, 4, 4], [6, 6, 6], [8, 8, 8], [12, 12, 12], [16, 16, 16]];
  for (const km of [256, 1024, 4096, 16384, 65536]) {
    const k = Math.round(Math.sqrt(km));
    shapes.push([1, k, Math.round(km / k)], [Math.round(km / k), k, 1]);
  }
  for (const [n, k, m] of shapes) {
    const cells = [];
    for (const dt of ['f64', 'f32']) {
      const T = dt === 'f64' ? Float64Array : Float32Array;
      const A = T.from({ length: n * k }, Math.random), B = T.from({ length: k * m }, Math.random), C = new T(n * m);
      const vector = n === 1 || m === 1;
      const js = dt === 'f64' ? (vector ? K.gemmVecJs : K.gemmJs) : (vector ? K.gemmVecJs32 : K.gemmJs32);
      const wasm = dt === 'f64' ? K.gemmWasm : K.gemmWasm32;
      const reps = Math.max(3, Math.round(1e6 / (n * k * m)));
      const best = [Infinity, Infinity];
      for (let r = 0; r < rounds * 2; r++) {
        [js, wasm].forEach((g, i) => {
          best[i] = Math.min(best[i], once(() => { for (let t = 0; t < reps; t++) g(A, 0, B, 0, C, 0, n, k, m, false); }) / reps / 1000);
        });
      }
      cells.push(`${dt}: ${vector ? 'plain' : 'js'} ${best[0].toFixed(2).padStart(7)} µs, wasm ${best[1].toFixed(2).padStart(7)} µs (${(best[0] / best[1]).toFixed(2)})`);
    }
    console.log(`${`${n}×${k}×${m}`.padEnd(12)} ${cells.join('   ')}`);
  }
  console.log(`\nload average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  process.exit(0);
}

const contenders = [
  ['wasm f64', (d) => () => K.gemmWasm(d.a64, 0, d.b64, 0, d.c64, 0, d.N, d.N, d.N, false)],
  ['wasm f32', (d) => () => K.gemmWasm32(d.a32, 0, d.b32, 0, d.c32, 0, d.N, d.N, d.N, false)],
  ['js f64', (d) => () => K.gemmJs(d.a64, 0, d.b64, 0, d.c64, 0, d.N, d.N, d.N, false)],
  ['js f32', (d) => () => K.gemmJs32(d.a32, 0, d.b32, 0, d.c32, 0, d.N, d.N, d.N, false)],
];
const data = sizes.map((N) => {
  const a64 = Float64Array.from({ length: N * N }, () => Math.random() - 0.5);
  const b64 = Float64Array.from({ length: N * N }, () => Math.random() - 0.5);
  return { N, a64, b64, c64: new Float64Array(N * N), a32: Float32Array.from(a64), b32: Float32Array.from(b64), c32: new Float32Array(N * N) };
});
const best = data.map(() => contenders.map(() => 0));
const peak = { f32: 0, f64: 0 };
for (let r = 0; r < rounds; r++) {
  peak.f32 = Math.max(peak.f32, K.peakGflops('f32', 1e6, 8, now));
  peak.f64 = Math.max(peak.f64, K.peakGflops('f64', 1e6, 8, now));
  data.forEach((d, si) => {
    contenders.forEach(([name, make], ci) => {
      // The JavaScript kernels are slow at large N: one sample a round is plenty, and
      // none above 512 (seconds each).
      const js = name.startsWith('js');
      if (js && (d.N > 512 || (quick && d.N > 256))) return;
      const fn = make(d);
      const reps = js || d.N >= 1024 ? 1 : d.N >= 512 ? 2 : d.N >= 256 ? 5 : 20;
      if (r === 0) fn();
      for (let i = 0; i < reps; i++) best[si][ci] = Math.max(best[si][ci], (2 * d.N ** 3) / once(fn));
    });
  });
}

console.log(`peak loop: f32x4 ${peak.f32.toFixed(1)} GFLOP/s, f64x2 ${peak.f64.toFixed(1)} GFLOP/s (best of ${rounds} rounds)\n`);
console.log('   N  ' + contenders.map(([n]) => n.padStart(9)).join('') + '   f32/f64   f32 % of peak   f64 % of peak');
data.forEach((d, si) => {
  const [w64, w32] = best[si];
  console.log(`${String(d.N).padStart(4)}  ${best[si].map((g) => (g ? fmt(g) : '     -').padStart(9)).join('')}   ${(w32 / w64).toFixed(2).padStart(6)}×   ${((100 * w32) / peak.f32).toFixed(0).padStart(10)}%   ${((100 * w64) / peak.f64).toFixed(0).padStart(12)}%`);
});
console.log(`\nGFLOP/s = 2·N³ / best time, C = A·B of N×N (overwrite mode, as matmul calls it).`);
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
