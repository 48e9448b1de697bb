// The tiny programs the installed-alone test runs in a fresh project. Each one is
// written once and emitted three ways: an ES module (`import`), a CommonJS script
// (`require`) and TypeScript files type-checked against the installed `.d.ts`/`.d.mts`.
// So each body must be valid JavaScript and valid strict TypeScript at once.
//
// Every body defines `lossOf` (a function of the parameters) and `step` (one update),
// and may throw to report a failure; the wrapper prints `{ before, after }` as JSON.
import type { PackageName } from './repo';

export interface Smoke {
  /** Names imported from `@smolml/core`. */
  core: readonly string[];
  /** Names imported from the package under test (none for core alone). */
  pkg: readonly string[];
  /** Shared statements: data, parameters, `lossOf`, `step`, and any extra checks. */
  body: string;
  /** TypeScript-only lines, type-checked but never run: they pin the public types. */
  types: string;
}

// A four-point regression problem every snippet trains on.
const DATA = `
const x = new MLArray([[0, 0], [0, 1], [1, 0], [1, 1]], { requiresGrad: false });
const y = new MLArray([[0.1], [0.6], [0.4], [0.9]], { requiresGrad: false });
`;

// Plain gradient descent, for the packages that bring no optimizer.
const SGD_STEP = `
const step = (params = [w]) => noGrad(() => {
  for (const p of params) {
    const g = p.grad;
    if (g === null) throw new Error('no gradient reached a parameter');
    for (let i = 0; i < p.size; i++) p.data[i] -= 0.5 * g.data[i];
    p.zeroGrad();
  }
});
`;

export const SMOKES: Record<PackageName, Smoke> = {
  core: {
    core: ['MLArray', 'noGrad'],
    pkg: [],
    body: `${DATA}
const w = new MLArray([[0.2], [-0.3]]);
const lossOf = () => x.matmul(w).sub(y).pow(2).mean();
${SGD_STEP}`,
    types: `const loss: MLArray = lossOf(); const n: number = loss.item(); void n;`,
  },

  losses: {
    core: ['MLArray', 'noGrad'],
    pkg: ['mseLoss', 'maeLoss', 'huberLoss', 'binaryCrossEntropy', 'categoricalCrossEntropy'],
    body: `${DATA}
const w = new MLArray([[0.2], [-0.3]]);
const lossOf = () => mseLoss(x.matmul(w), y);
${SGD_STEP}
for (const f of [maeLoss, huberLoss, binaryCrossEntropy]) {
  if (!Number.isFinite(f(x.matmul(w).sigmoid(), y).item())) throw new Error(f.name + ' is not finite');
}
const probs = new MLArray([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]);
const onehot = new MLArray([[1, 0, 0], [0, 1, 0]], { requiresGrad: false });
const ce = categoricalCrossEntropy(probs, onehot).item();
const want = -(Math.log(0.7) + Math.log(0.8)) / 2;
// float64 to the last digits; float32 (when it is core's default dtype) to its precision.
if (Math.abs(ce - want) > (probs.dtype === 'float32' ? 1e-6 : 1e-12)) throw new Error('categoricalCrossEntropy gave ' + ce + ', expected ' + want);
`,
    types: `const l: MLArray = mseLoss(x, y); const h: MLArray = huberLoss(x, y, 0.5); void l; void h;`,
  },

  activations: {
    core: ['MLArray', 'Value', 'noGrad'],
    pkg: ['relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'linear', 'softmax'],
    body: `${DATA}
const w = new MLArray([[0.2], [-0.3]]);
const lossOf = () => sigmoid(tanh(leakyRelu(x.matmul(w))).add(linear(elu(x.matmul(w))))).sub(y).pow(2).mean();
${SGD_STEP}
const p = softmax(new MLArray([[1, 2, 3], [0, 0, 0]]));
if (Math.abs(p.sum().item() - 2) > 1e-12) throw new Error('softmax rows do not sum to 1');
const v = relu(new Value(-2));
if (v.data !== 0) throw new Error('relu(Value(-2)) gave ' + v.data);
`,
    types: `const a: MLArray = relu(x); const b: Value = relu(new Value(1)); const c: MLArray = softmax(x, -1); void a; void b; void c;`,
  },

  initializers: {
    core: ['MLArray', 'Rng', 'noGrad'],
    pkg: ['XavierUniform', 'XavierNormal', 'HeInitialization', 'RandomUniform'],
    body: `${DATA}
if (XavierUniform.initialize(2, 1).shape.join() !== '2,1') throw new Error('XavierUniform.initialize(2, 1) has the wrong shape');
const w = XavierUniform.initialize([2, 1], { rng: new Rng(3) });
const a = HeInitialization.initialize([2, 3], { rng: new Rng(7) });
const b = HeInitialization.initialize([2, 3], { rng: new Rng(7) });
if (a.data.join() !== b.data.join()) throw new Error('the same rng seed gave different weights');
for (const init of [XavierNormal, RandomUniform]) {
  const m = init.initialize(3, 4);
  if (m.size !== 12) throw new Error(init.name + ' made ' + m.size + ' weights');
}
const lossOf = () => x.matmul(w).sub(y).pow(2).mean();
${SGD_STEP}`,
    types: `const m: MLArray = HeInitialization.initialize([4, 2], { rng: new Rng(1) }); void m;`,
  },

  optimizers: {
    core: ['MLArray'],
    pkg: ['SGD', 'SGDMomentum', 'AdaGrad', 'Adam', 'Optimizer'],
    body: `${DATA}
const w = new MLArray([[0.2], [-0.3]]);
const lossOf = () => x.matmul(w).sub(y).pow(2).mean();
const optimizer = new Adam({ learningRate: 0.1 });
if (!(optimizer instanceof Optimizer)) throw new Error('Adam is not an Optimizer');
const step = () => { optimizer.step([w]); optimizer.zeroGrad([w]); };
for (const Opt of [SGD, SGDMomentum, AdaGrad]) {
  const p = new MLArray([1, -1]);
  p.mul(p).sum().backward();
  new Opt({ learningRate: 0.1 }).step([p]);
  if (!(Math.abs(p.data[0]) < 1)) throw new Error(Opt.name + ' did not move the parameter downhill');
}
`,
    types: `const o: Optimizer = new SGDMomentum({ learningRate: 0.1, momentumCoefficient: 0.9 }); o.step([x]); const lr: number = o.learningRate; void lr;`,
  },

  memory: {
    core: ['MLArray', 'Value', 'noGrad'],
    pkg: ['formatSize', 'calculateMLArraySize', 'calculateValueSize', 'calculateNeuralNetworkSize'],
    body: `${DATA}
const w = new MLArray([[0.2], [-0.3]]);
const b = new MLArray([0]);
const lossOf = () => x.matmul(w).add(b).sub(y).pow(2).mean();
${SGD_STEP.replace('params = [w]', 'params = [w, b]')}
if (formatSize(1536) !== '1.50 KB') throw new Error('formatSize(1536) gave ' + formatSize(1536));
if (!(calculateMLArraySize(w) >= 2 * 8)) throw new Error('calculateMLArraySize(w) is below the 16 data bytes');
if (!(calculateValueSize(new Value(1)) > 0)) throw new Error('calculateValueSize is not positive');
const report = calculateNeuralNetworkSize({ layers: [{ weights: w, biases: b }] });
if (!(report.total >= calculateMLArraySize(w) + calculateMLArraySize(b))) throw new Error('network size ' + report.total + ' is below its arrays');
`,
    types: `const s: string = formatSize(calculateMLArraySize(x)); const t: number = calculateNeuralNetworkSize({ layers: [{ weights: x, biases: y }] }).total; void s; void t;`,
  },
};

const RUN = `
const l0 = lossOf();
const before = l0.item();
l0.backward();
step();
const after = lossOf().item();
console.log(JSON.stringify({ before, after }));
`;

function importLines(pkg: PackageName, s: Smoke, style: 'esm' | 'cjs'): string {
  const lines: [string, readonly string[]][] = [['@smolml/core', s.core]];
  if (pkg !== 'core') lines.push([`@smolml/${pkg}`, s.pkg]);
  return lines
    .map(([from, names]) => (style === 'esm' ? `import { ${names.join(', ')} } from '${from}';` : `const { ${names.join(', ')} } = require('${from}');`))
    .join('\n');
}

/** The program for `pkg` as an ES module, a CommonJS script, or TypeScript. */
export function smokeSource(pkg: PackageName, style: 'esm' | 'cjs' | 'ts'): string {
  const s = SMOKES[pkg];
  const head = importLines(pkg, s, style === 'cjs' ? 'cjs' : 'esm');
  // The TypeScript files compile with the ES library only (no DOM, no @types/node), as
  // a user's might; the one global they use is declared here.
  const tail = style === 'ts' ? `\n// Types only.\n${s.types}\ndeclare const console: { log(...values: unknown[]): void };\n` : '';
  // `export {}` keeps each TypeScript file a module with its own scope.
  return `${head}\n${s.body}\n${RUN}${tail}${style === 'ts' ? 'export {};\n' : ''}`;
}

/**
 * One process that loads core through `require` (its CommonJS build) and the package
 * through `import` (whose ESM build imports core's ESM build): two copies of core. Arrays
 * made by one must work with functions of the other, and `setSeed` must reach both.
 */
export function dualPackageSource(pkg: 'losses' | 'optimizers'): string {
  const use =
    pkg === 'losses'
      ? `const { mseLoss } = await import('@smolml/losses');
const lossOf = () => mseLoss(x.matmul(w), y);
const step = () => cjs.noGrad(() => { for (let i = 0; i < w.size; i++) w.data[i] -= 0.5 * w.grad.data[i]; });`
      : `const { Adam } = await import('@smolml/optimizers');
const lossOf = () => x.matmul(w).sub(y).pow(2).mean();
const optimizer = new Adam({ learningRate: 0.1 });
const step = () => optimizer.step([w]);`;
  return `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const cjs = require('@smolml/core');
const esm = await import('@smolml/core');
if (cjs.MLArray === esm.MLArray) throw new Error('expected two copies of core (CommonJS and ESM), got one');
const x = new cjs.MLArray([[0, 0], [0, 1], [1, 0], [1, 1]], { requiresGrad: false });
const y = new cjs.MLArray([[0.1], [0.6], [0.4], [0.9]], { requiresGrad: false });
const w = new cjs.MLArray([[0.2], [-0.3]]);
if (!(w instanceof esm.MLArray)) throw new Error('a CommonJS MLArray is not an instance of the ESM MLArray');
cjs.setSeed(11);
const a = esm.randn(4).data.join();
esm.setSeed(11);
const b = cjs.randn(4).data.join();
if (a !== b) throw new Error('setSeed in one copy of core did not reach the other');
${use}
${RUN}`;
}
