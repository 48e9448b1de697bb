import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The dual package hazard: an app that loads core by `require` and this package by
// `import` holds two copies of core. Weights drawn by the ESM initializers (made by ESM
// core) must work in CommonJS core's ops, and `setSeed` from either copy must reach
// the initializers. Runs the built files in a child Node process, as an app would.
const root = join(__dirname, '..', '..');
const files = {
  coreCjs: join(root, 'core', 'dist', 'index.js'),
  initEsm: join(root, 'initializers', 'dist', 'index.mjs'),
};

const script = `
const core = require(${JSON.stringify(files.coreCjs)});
import(${JSON.stringify(files.initEsm)}).then((init) => {
  const out = {};
  const w = init.XavierUniform.initialize(3, 2);
  out.isArray = w instanceof core.MLArray;
  const x = new core.MLArray([[1, 2, 3]], { requiresGrad: false });
  x.matmul(w).sum().backward();
  out.gradShape = w.grad.shape;
  core.setSeed(5);
  const a = Array.from(init.HeInitialization.initialize(4).data);
  const b = Array.from(init.HeInitialization.initialize([4], { rng: new core.Rng(5) }).data);
  out.sharedSeed = JSON.stringify(a) === JSON.stringify(b);
  console.log(JSON.stringify(out));
});
`;

test('weights from the ESM initializers work with the CommonJS copy of core', () => {
  for (const f of Object.values(files)) {
    if (!existsSync(f)) throw new Error(`${f} is missing: build core and initializers first (turbo does it before test)`);
  }
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  expect(out).toEqual({ isArray: true, gradShape: [3, 2], sharedSeed: true });
});
