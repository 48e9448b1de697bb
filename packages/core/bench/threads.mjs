// Do two threads pay off for large float32 matrix products on this machine? Times
// C = A·B for N = 256-1024 on one thread (core's matmul, the WebAssembly SIMD kernel)
// against the same product split by rows over two threads: this one and one
// worker_threads Worker, operands in SharedArrayBuffers, each half through core's matmul.
// Wall time (two threads use two cores), median of rounds, with the load average, since
// the machine is shared. Run after building core:
//   node packages/core/bench/threads.mjs
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MLArray } from '../dist/index.mjs';

// One half: rows [r0, r1) of A times B, written into C.
function half({ a, b, c, n, r0, r1 }) {
  const A = MLArray.from(new Float32Array(a, r0 * n * 4, (r1 - r0) * n), [r1 - r0, n], { requiresGrad: false });
  const B = MLArray.from(new Float32Array(b), [n, n], { requiresGrad: false });
  new Float32Array(c, r0 * n * 4, (r1 - r0) * n).set(A.matmul(B).data);
}

if (!isMainThread) {
  parentPort.on('message', (job) => { half(job); parentPort.postMessage(0); });
} else {
  const worker = new Worker(fileURLToPath(import.meta.url));
  const inWorker = (job) => new Promise((resolve) => { worker.once('message', resolve); worker.postMessage(job); });
  const median = (xs) => xs.slice().sort((x, y) => x - y)[xs.length >> 1];
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' / ')}, ${new Date().toISOString()}`);
  for (const n of [256, 512, 1024]) {
    const bytes = n * n * 4;
    const a = new SharedArrayBuffer(bytes), b = new SharedArrayBuffer(bytes), c1 = new SharedArrayBuffer(bytes), c2 = new SharedArrayBuffer(bytes);
    const fa = new Float32Array(a), fb = new Float32Array(b);
    for (let i = 0; i < n * n; i++) { fa[i] = Math.sin(i); fb[i] = Math.cos(i); }
    const one = () => half({ a, b, c: c1, n, r0: 0, r1: n });
    // Split on a multiple of 4 rows (the kernel's strip), so both halves sum as one does.
    const mid = Math.round(n / 8) * 4;
    const two = () => Promise.all([inWorker({ a, b, c: c2, n, r0: mid, r1: n }), Promise.resolve().then(() => half({ a, b, c: c2, n, r0: 0, r1: mid }))]);
    const rounds = n >= 1024 ? 7 : 15, t1 = [], t2 = [];
    for (let w = 0; w < 3; w++) { one(); await two(); }
    for (let r = 0; r < rounds; r++) {
      let t = performance.now(); one(); t1.push(performance.now() - t);
      t = performance.now(); await two(); t2.push(performance.now() - t);
    }
    const same = new Uint32Array(c1).every((x, i) => x === new Uint32Array(c2)[i]);
    const m1 = median(t1), m2 = median(t2);
    console.log(`N = ${n}: one thread ${m1.toFixed(2)} ms, two threads ${m2.toFixed(2)} ms: ${(m1 / m2).toFixed(2)}× (same bits: ${same})`);
  }
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  await worker.terminate();
}
