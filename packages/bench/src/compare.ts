// `npm run bench:compare`: SmolML against TensorFlow.js's cpu and wasm backends, every
// case for every contender in one interleaved run. Prints the table and writes
// docs/benchmarks.md, docs/benchmarks.json and docs/images/bench-*.svg.
//
//   node --expose-gc dist/.../compare.js [--quick] [--only=<text>] [--rounds=<n>] [--no-write]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gemmKernel, setGemmKernel } from '@smolml/core';
import { type Case, type CaseResult, type Contender, type HarnessOptions, runCase } from './harness';
import { describeMachine, repoRoot } from './machine';
import { charts, fmtTime, markdown, terminalTable, toJson, verdicts } from './report';
import { initTf, tfContender } from './tf';
import { matmulCase } from './cases/matmul';
import { elementwiseCase } from './cases/elementwise';
import { softmaxCeCase } from './cases/softmax-ce';
import { mlpCase } from './cases/mlp';
import { adamCase } from './cases/adam';
import { valueCase } from './cases/value';

function parseArgs(argv: readonly string[]): { opts: HarnessOptions; only: string | null; write: boolean } {
  const flag = (name: string): string | undefined => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const value = (name: string): string | undefined => flag(name)?.split('=')[1];
  const quick = flag('quick') !== undefined;
  const only = value('only') ?? null;
  const rounds = Number(value('rounds') ?? (quick ? 3 : 7));
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`--rounds: expected a positive integer, got ${value('rounds')}`);
  return {
    opts: { rounds, sampleMs: quick ? 10 : 40, warmupMs: quick ? 40 : 200, log: (l) => console.log(l) },
    only,
    // A partial or quick run must not overwrite the published figures.
    write: flag('no-write') === undefined && !quick && only === null,
  };
}

async function main(): Promise<void> {
  const { opts, only, write } = parseArgs(process.argv.slice(2));
  await initTf();

  const kernel = gemmKernel();
  const ours: Contender = { id: 'smolml', name: 'SmolML', precision: 'float64', enter: () => {} };
  const contenders: Contender[] = [ours];
  // With a WebAssembly kernel in core, also time core's pure-JS fallback: it shows what
  // the kernel buys, and what users get on engines without WebAssembly SIMD.
  if (kernel !== 'js') {
    contenders.push({
      id: 'smolml-js', name: 'SmolML, JS kernel', precision: 'float64',
      enter: () => setGemmKernel('js'), leave: () => setGemmKernel('auto'),
    });
  }
  contenders.push(tfContender('cpu'), tfContender('wasm'));

  const all: Case[] = [
    matmulCase(64), matmulCase(256), matmulCase(512),
    elementwiseCase(), softmaxCeCase(),
    mlpCase(64), mlpCase(1),
    adamCase(), valueCase(),
  ];
  const cases = all.filter((c) => only === null || c.id.includes(only));
  if (cases.length === 0) throw new Error(`--only=${only}: no case id contains it (ids: ${all.map((c) => c.id).join(', ')})`);

  const machine = describeMachine(kernel);
  console.log(`${machine.cpu}, ${machine.cores} cores, Node.js ${machine.node}; TF.js wasm ${machine.tfjsWasm}; SmolML kernel ${kernel}`);
  const results: CaseResult[] = [];
  for (const cs of cases) {
    const t0 = performance.now();
    results.push(await runCase(cs, contenders, opts));
    console.log(`  ${cs.id} (${fmtTime(performance.now() - t0)})`);
  }

  console.log('\n' + terminalTable(results));
  console.log('\nratio = median over rounds of peer time / SmolML time in the same round (above 1: SmolML is faster)');
  for (const v of verdicts(results)) console.log(`${v.met ? 'met    ' : 'NOT met'}  ${v.goal}: ${v.detail}`);

  if (write) {
    const root = repoRoot();
    const rep = { machine, options: { rounds: opts.rounds, sampleMs: opts.sampleMs, warmupMs: opts.warmupMs }, cases: results };
    const svgs = charts(results);
    fs.mkdirSync(path.join(root, 'docs', 'images'), { recursive: true });
    for (const [name, svg] of Object.entries(svgs)) fs.writeFileSync(path.join(root, 'docs', 'images', name), svg);
    fs.writeFileSync(path.join(root, 'docs', 'benchmarks.json'), toJson(rep));
    fs.writeFileSync(path.join(root, 'docs', 'benchmarks.md'), markdown(rep, Object.keys(svgs)));
    console.log(`\nwrote docs/benchmarks.md, docs/benchmarks.json, ${Object.keys(svgs).map((f) => `docs/images/${f}`).join(', ')}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
