import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// What Value keeps alive, measured in a `node --expose-gc` child (jest's own process
// cannot force collections). Value nodes keep data and grad in shared Float64Array
// chunks and backward threads its order through the nodes themselves, so these check
// that neither pins a dropped graph: a chunk holds only numbers, and backward leaves
// every link null. WeakRefs clear only after the job that made them ends, hence the
// macrotask between dropping and asking.
const CHILD = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');
// Load the TypeScript sources the way jest does: .ts files transpiled on require.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request.startsWith('.') && parent && parent.filename && parent.filename.endsWith('.ts')) {
    const candidate = path.resolve(path.dirname(parent.filename), request + '.ts');
    if (fs.existsSync(candidate)) return candidate;
  }
  return resolve.call(this, request, parent, ...rest);
};
require.extensions['.ts'] = function (module, filename) {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
const { Value } = require(process.argv[1]);
const collect = globalThis.gc;
const tick = () => new Promise((r) => setImmediate(r));
async function settle() { for (let i = 0; i < 3; i++) { await tick(); collect(); collect(); } }
const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };

// Half the nodes multiply two of 100 shared leaves, half add the product into a chain:
// the bench's shape, with leaves reached from many nodes.
function build(leaves, terms) {
  let acc = new Value(0);
  for (let i = 0; i < terms; i++) acc = acc.add(leaves[i % leaves.length].mul(leaves[(i * 7 + 3) % leaves.length]));
  return acc;
}

(async () => {
  const out = { gcExposed: typeof collect === 'function' };
  // Garbage and full collections before the first Value, as in a program that did other
  // work first: a node's layout must not depend on when Values are first used.
  for (let k = 0; k < 5; k++) { let g = []; for (let i = 0; i < 300000; i++) g.push({ i }); g = null; collect(); }
  const leaves = Array.from({ length: 100 }, (_, i) => new Value(Math.sin(i + 1)));

  // Bytes per live node (object plus its chunk slots), 200 000 nodes.
  await settle();
  const before = used();
  let big = build(leaves, 100000);
  big.backward();
  await settle();
  out.bytesPerNode = (used() - before) / 200001;
  out.bigGrad = leaves[0].grad;
  big = null;

  // A dropped graph is collected, with and without a backward pass.
  const refs = {};
  (() => {
    const g = build(leaves, 1000);
    refs.noBackward = new WeakRef(g);
    refs.noBackwardMid = new WeakRef(g.prev[0]);
    const h = build(leaves, 1000);
    h.backward();
    refs.afterBackward = new WeakRef(h);
    refs.afterBackwardMid = new WeakRef(h.prev[1]);
  })();
  // Nodes kept after backward keep their own inputs and nothing else. Backward chains
  // each node to the one finished before it, so without unlinking, parameters (leaves
  // kept for the next step) would keep the pieces of the dropped graph finished just
  // before them: here c.exp() finishes right before the leaf a is first reached.
  let kept;
  (() => {
    const a = new Value(0.5), b = new Value(-1.5), c = new Value(2);
    const side = c.exp();
    const mid = a.mul(b).tanh();
    const root = side.add(mid).mul(mid.add(c));
    root.backward();
    kept = { params: [a, b, c], mid };
    refs.keptRoot = new WeakRef(root);
    refs.keptSide = new WeakRef(side);
    refs.keptSum = new WeakRef(root.prev[0]);
    refs.keptInput = new WeakRef(mid.prev[0]);
  })();
  // A custom node's rule (its parents list) does not outlive it either.
  (() => {
    const x = new Value(0.25);
    const c = Value.custom(1, [x, x.mul(2)], [1, 2]);
    c.add(x).backward();
    refs.custom = new WeakRef(c);
    refs.customParent = new WeakRef(c.prev[1]);
  })();
  await settle();
  out.alive = Object.fromEntries(Object.entries(refs).map(([k, r]) => [k, r.deref() !== undefined]));
  out.keptStillWorks = kept.mid.prev.length === 1 && kept.mid.prev[0].op === '*' && kept.params.every((p) => p.grad !== 0);

  // Building and dropping 1M-node graphs leaves the heap where it was.
  await settle();
  const start = used();
  // (In a plain function: a suspended async function's frame would keep its last graph.)
  (() => { for (let r = 0; r < 4; r++) { const g = build(leaves, 500000); g.backward(); } })();
  await settle();
  out.growthAfterDrops = used() - start;
  process.stdout.write(JSON.stringify(out));
})();
`;

interface Report {
  gcExposed: boolean;
  bytesPerNode: number;
  bigGrad: number;
  alive: Record<string, boolean>;
  keptStillWorks: boolean;
  growthAfterDrops: number;
}

let report: Report;
beforeAll(() => {
  const child = spawnSync(process.execPath, ['--expose-gc', '-e', CHILD, path.join(__dirname, '..', 'src', 'index.ts')], {
    encoding: 'utf8',
    timeout: 170_000,
  });
  if (child.status !== 0) throw new Error(`value heap child failed (${child.status}): ${child.stderr}`);
  report = JSON.parse(child.stdout) as Report;
}, 180_000);

test('the child could force collections', () => {
  expect(report.gcExposed).toBe(true);
  expect(Number.isFinite(report.bigGrad) && report.bigGrad !== 0).toBe(true);
});

test('a dropped graph is collected, whether or not backward ran over it', () => {
  expect(report.alive.noBackward).toBe(false);
  expect(report.alive.noBackwardMid).toBe(false);
  expect(report.alive.afterBackward).toBe(false);
  expect(report.alive.afterBackwardMid).toBe(false);
});

test('leaves and a node kept after backward keep their inputs, not the root or their neighbours in backward order', () => {
  expect(report.keptStillWorks).toBe(true);
  expect(report.alive.keptInput).toBe(true);
  expect(report.alive.keptRoot).toBe(false);
  expect(report.alive.keptSum).toBe(false);
  expect(report.alive.keptSide).toBe(false);
});

test('a dropped Value.custom node and its parents are collected', () => {
  expect(report.alive.custom).toBe(false);
  expect(report.alive.customParent).toBe(false);
});

test('a node costs less than three heap objects did, even when Values are first used after other collections', () => {
  // Three objects (a 9-field node plus boxed data and grad) took at least 104 bytes; the
  // node is now one 80-byte object plus 16 bytes of its chunk. A layout regression (a
  // double field boxed again, or a node that lost its in-object fields: 200+ bytes)
  // shows here.
  expect(report.bytesPerNode).toBeGreaterThan(80);
  expect(report.bytesPerNode).toBeLessThan(104);
});

test('building and dropping four 1M-node graphs leaves the heap where it was', () => {
  // Kept, one such graph alone would be about 100 MB.
  expect(Math.abs(report.growthAfterDrops)).toBeLessThan(8 * 1024 * 1024);
});
