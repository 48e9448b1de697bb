import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The dual package hazard: an app that loads core by `require` in one place and this
// package by `import` in another holds two copies of core (and may hold two of this
// package). Arrays from either copy must train under the other's optimizers, and
// optimizers and schedules from either copy must work together. Runs the built files
// in a child Node process, as an app would.
const root = join(__dirname, '..', '..');
const files = {
  coreCjs: join(root, 'core', 'dist', 'index.js'),
  optCjs: join(root, 'optimizers', 'dist', 'index.js'),
  optEsm: join(root, 'optimizers', 'dist', 'index.mjs'),
};

const script = `
const core = require(${JSON.stringify(files.coreCjs)});
const cjs = require(${JSON.stringify(files.optCjs)});
import(${JSON.stringify(files.optEsm)}).then((esm) => {
  const out = {};
  out.distinctClasses = cjs.Adam !== esm.Adam;
  // a CommonJS-core array trained by the ESM optimizer (which uses ESM core)
  const w = new core.MLArray([1, -2]);
  w.mul(w).sum().backward();
  const opt = new esm.Adam({ learningRate: 0.1 });
  opt.step([w]);
  out.stepped = Array.from(w.data).map((v) => Math.round(v * 10) / 10);
  out.stateIsArray = [...opt.stateArrays()].every((a) => a instanceof core.MLArray);
  // optimizers and schedules across the two copies of this package
  const cjsAdam = new cjs.Adam({ learningRate: 0.1 });
  out.crossInstanceof = cjsAdam instanceof esm.Optimizer && new esm.SGD() instanceof cjs.Optimizer;
  out.subclassCheckKept = !(cjsAdam instanceof esm.SGD) && !(cjsAdam instanceof cjs.SGD);
  const sched = new esm.StepLR(cjsAdam, { stepSize: 1, gamma: 0.5 });
  sched.step();
  out.scheduledRate = cjsAdam.learningRate;
  const warm = new cjs.LinearWarmup(new esm.CosineAnnealingLR(new esm.SGD({ learningRate: 1 }), { tMax: 2 }), { warmupSteps: 1 });
  out.warmupWrapsOtherCopy = warm.after !== null;
  out.clipped = esm.clipGradNorm([w], 1e-3) > 1e-3;
  console.log(JSON.stringify(out));
});
`;

test('CommonJS and ESM copies of core and of the optimizers work together', () => {
  for (const f of Object.values(files)) {
    if (!existsSync(f)) throw new Error(`${f} is missing: build core and optimizers first (turbo does it before test)`);
  }
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  expect(out).toEqual({
    distinctClasses: true,
    stepped: [0.9, -1.9],
    stateIsArray: true,
    crossInstanceof: true,
    subclassCheckKept: true,
    scheduledRate: 0.05,
    warmupWrapsOtherCopy: true,
    clipped: true,
  });
});
