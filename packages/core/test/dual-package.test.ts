import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The dual package hazard: an app that `require`s core in one place and `import`s it
// in another holds two copies of every class. Arrays and Values from either copy must
// pass the other's instanceof checks, work in the other's ops, and `setSeed` must reach
// both. This runs the built files in a child Node process, as an app would.
const dist = join(__dirname, '..', 'dist');

const script = `
const cjs = require(${JSON.stringify(join(dist, 'index.js'))});
import(${JSON.stringify(join(dist, 'index.mjs'))}).then((esm) => {
  const out = {};
  out.distinctClasses = cjs.MLArray !== esm.MLArray;
  const a = new cjs.MLArray([[1, 2], [3, 4]]);
  const b = new esm.MLArray([[1, 0], [0, 1]]);
  out.crossInstanceof = a instanceof esm.MLArray && b instanceof cjs.MLArray;
  out.valueInstanceof = new cjs.Value(1) instanceof esm.Value;
  out.notArray = !({} instanceof esm.MLArray);
  // A training step that mixes the copies.
  const w = esm.randn([2, 2]);
  const loss = a.matmul(w).sub(b).pow(2).mean();
  loss.backward();
  out.gradShape = w.grad.shape;
  // Backward across the copies, through an intermediate reached by two paths.
  const v = new cjs.Value(1);
  const m = v.mul(2);
  new esm.Value(3).mul(m).add(m).backward();
  out.mixedValueGrad = v.grad;
  cjs.setSeed(11);
  const x = esm.randn(3).toList();
  esm.setSeed(11);
  const y = cjs.randn(3).toList();
  out.sharedSeed = JSON.stringify(x) === JSON.stringify(y);
  out.sharedNoGrad = cjs.noGrad(() => esm.isGradEnabled()) === false;
  cjs.setDefaultDType('float32');
  out.sharedDefaultDType = esm.defaultDType() === 'float32' && esm.zeros(2).dtype === 'float32';
  const f = esm.zeros(2).add(new cjs.MLArray([1, 2]));
  out.mixedFloat32 = f.dtype + ':' + f.data.constructor.name;
  esm.setDefaultDType('float64');
  out.sharedReset = cjs.zeros(1).dtype;
  console.log(JSON.stringify(out));
});
`;

test('CommonJS and ESM copies of core work together', () => {
  if (!existsSync(join(dist, 'index.js')) || !existsSync(join(dist, 'index.mjs'))) {
    throw new Error('packages/core/dist is missing: run `pnpm --filter @smolml/core build` first (turbo does it before test)');
  }
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  expect(out).toEqual({
    distinctClasses: true,
    crossInstanceof: true,
    valueInstanceof: true,
    notArray: true,
    gradShape: [2, 2],
    mixedValueGrad: 8,
    sharedSeed: true,
    sharedNoGrad: true,
    sharedDefaultDType: true,
    mixedFloat32: 'float32:Float32Array',
    sharedReset: 'float64',
  });
});
