// Run as `node --expose-gc weak-state.cjs`: steps optimizers over fresh parameter
// arrays that are dropped right after, and prints (as JSON) how much memory and state
// is left once they are garbage. Before state was held weakly, 1000 steps of fresh
// arrays kept every array and its buffers: about 16 kB per step here (data and grad of
// 1000 float64 elements) plus the optimizer's buffers.
require('./register-ts.cjs');
const { MLArray } = require('@smolml/core');
const O = require('../../src/index.ts');

const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

const N = 1000;
const STEPS = 1000;
// A macrotask boundary: the current job ends, so WeakRefs made during it may clear.
const tick = () => new Promise((resolve) => globalThis.setImmediate(resolve));
// The V8 heap plus ArrayBuffer contents (typed arrays of 1000 elements live outside the heap).
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const buffers = () => process.memoryUsage().arrayBuffers;
async function settle() {
  for (let i = 0; i < 3; i++) {
    await tick();
    gc();
    gc();
  }
}
function fresh(n, dtype) {
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(i + 1);
  const p = MLArray.from(data, [n]);
  p.mul(p).sum().backward();
  return p;
}

const makers = {
  SGD: () => new O.SGD({ learningRate: 0.01 }),
  SGDMomentum: () => new O.SGDMomentum(),
  AdaGrad: () => new O.AdaGrad(),
  Adam: () => new O.Adam(),
  AdamW: () => new O.AdamW(),
  RMSProp: () => new O.RMSProp({ momentum: 0.5, centered: true }),
};

async function run(name, dtype, yieldEvery) {
  const opt = makers[name]();
  const keep = fresh(N, dtype);
  opt.step([keep]); // warm up: compile the kernels before measuring
  for (let k = 0; k < 20; k++) opt.step([keep, fresh(N, dtype)]);
  await settle();
  const before = used();
  const beforeBuffers = buffers();
  for (let k = 0; k < STEPS; k++) {
    opt.step([keep, fresh(N, dtype)]);
    if (yieldEvery > 0 && k % yieldEvery === yieldEvery - 1) await tick();
  }
  // Synchronously, before the job ends (what a synchronous training script sees): the
  // ArrayBuffer bytes still held.
  // (A second collection finishes the first one's concurrent freeing of ArrayBuffers.)
  for (let i = 0; i < 3; i++) gc();
  const inJob = buffers() - beforeBuffers;
  await settle();
  const after = used() - before;
  const state = opt.stateDict().state;
  return { inJob, after, entries: state.length, arrays: [...opt.stateArrays()].length, keptShape: state[0]?.shape, dtype: state[0]?.dtype };
}

async function order() {
  // a, b, c stepped in that order; b dies; the dict lists a then c, in first-step order.
  const opt = new O.Adam();
  const a = fresh(2);
  let b = fresh(3);
  const c = fresh(4);
  opt.step([a]);
  opt.step([b, c]);
  opt.step([c, a]);
  b = null;
  await settle();
  const shapes = opt.stateDict().state.map((s) => s.shape[0]);
  return { shapes, alive: [a, c].length };
}

(async () => {
  const out = { gcExposed: true, steps: STEPS, bytesPerStepIfKept: 2 * 8 * N };
  for (const name of Object.keys(makers)) out[name] = await run(name, 'float64', 100);
  out['SGD in one job'] = await run('SGD', 'float64', 0);
  out['Adam in one job'] = await run('Adam', 'float64', 0);
  out['Adam float32'] = await run('Adam', 'float32', 100);
  out.order = await order();
  console.log(JSON.stringify(out));
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
