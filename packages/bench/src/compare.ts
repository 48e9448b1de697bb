// `npm run bench:compare`: SmolML against TensorFlow.js (cpu and wasm), jax-js and
// js-pytorch, with the machine's limits measured beside them, every case for every
// contender in one interleaved run. Prints the table and writes docs/benchmarks.md,
// docs/benchmarks.json and docs/images/bench-*.svg.
//
//   node --expose-gc dist/compare.js [--quick] [--only=<text>] [--rounds=<n>] [--cap=<s>] [--clock=cpu|wall] [--no-sweep] [--no-write] [--out=<dir>]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Bench, type Case, type CaseResult, type ContenderId, type HarnessOptions } from './harness';
import { describeMachine, loadAverage, repoRoot } from './machine';
import { charts, fmtTime, markdown, summary, SWEEP_LINES, terminalTable, timesTable, toJson, verdicts, type Report } from './report';
import { lineup } from './contenders';
import { assertShimRemoved } from './jax';
import { peakLoops } from './ceilings/peak';
import { memcpyBandwidth } from './ceilings/copy';
import { matmulCase } from './cases/matmul';
import { elementwiseCase } from './cases/elementwise';
import { softmaxCeCase } from './cases/softmax-ce';
import { mlpCase } from './cases/mlp';
import { adamCase } from './cases/adam';
import { valueCase } from './cases/value';

/** A sweep point runs only the contenders its plot draws. */
function forSweep(c: Case): Case {
  const make = Object.fromEntries(Object.entries(c.make).filter(([id]) => id === 'smolml' || SWEEP_LINES.includes(id as ContenderId)));
  return { ...c, make };
}

interface Args { opts: HarnessOptions; quick: boolean; only: string | null; sweep: boolean; write: boolean; out: string | null }

function parseArgs(argv: readonly string[]): Args {
  const flag = (name: string): string | undefined => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const value = (name: string): string | undefined => flag(name)?.split('=')[1];
  const known = ['quick', 'only', 'rounds', 'cap', 'clock', 'no-sweep', 'no-write', 'out'];
  for (const a of argv) {
    if (!known.some((k) => a === `--${k}` || a.startsWith(`--${k}=`))) throw new RangeError(`compare: unknown argument ${a} (known: ${known.map((k) => `--${k}`).join(' ')})`);
  }
  const quick = flag('quick') !== undefined;
  const only = value('only') ?? null;
  const rounds = Number(value('rounds') ?? (quick ? 3 : 7));
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`--rounds: expected a positive integer, got ${value('rounds')}`);
  const cap = Number(value('cap') ?? (quick ? 3 : 20));
  if (!(cap > 0)) throw new RangeError(`--cap: expected seconds > 0, got ${value('cap')}`);
  const clock = value('clock') ?? 'cpu';
  if (clock !== 'cpu' && clock !== 'wall') throw new RangeError(`--clock: expected cpu or wall, got ${clock}`);
  return {
    opts: { clock, rounds, sampleMs: quick ? 10 : 40, warmupMs: quick ? 30 : 200, minWarmRuns: quick ? 1 : 2, capMs: cap * 1000, log: (l) => console.log(l) },
    quick,
    only,
    sweep: flag('no-sweep') === undefined,
    // A partial or quick run must not overwrite the published figures.
    write: flag('no-write') === undefined && !quick && only === null && flag('rounds') === undefined && flag('cap') === undefined && flag('clock') === undefined,
    // Writes the page, data and images into this folder instead (for trying the report out).
    out: value('out') ?? null,
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const args = parseArgs(process.argv.slice(2));
  const { opts, only } = args;
  const loadStart = loadAverage();
  console.log(`load average at start: ${loadStart.join(' / ')}`);

  const { contenders, float32, kernel } = await lineup();
  if (!float32) console.log('NOTICE: @smolml/core has no float32 yet (zeros([1], { dtype: \'float32\' }) has no dtype): float32 rows skipped, float32 peers compared with our float64');
  const machine = describeMachine(kernel);
  machine.loadAverage = loadStart;
  console.log(`${machine.cpu}, ${machine.cores} cores, Node.js ${machine.node}; TF.js wasm ${machine.tfjsWasm}; jax-js ${machine.jaxThreads}; SmolML kernel ${kernel}`);
  const peaks = peakLoops();
  const ceilings = {
    f32x4: { gflops: peaks.f32x4.calibratedGflops, chains: peaks.f32x4.chains },
    f64x2: { gflops: peaks.f64x2.calibratedGflops, chains: peaks.f64x2.chains },
    memcpyGBs: memcpyBandwidth(4 * 8 * (1 << 20)),
  };
  console.log(`SIMD peak loop: f32x4 ${ceilings.f32x4.gflops.toFixed(1)} GFLOP/s (${ceilings.f32x4.chains} chains), f64x2 ${ceilings.f64x2.gflops.toFixed(1)} GFLOP/s (${ceilings.f64x2.chains} chains); memcpy ${ceilings.memcpyGBs.toFixed(1)} GB/s`);

  // In run order: the small matmuls first, so each size's times predict the next (the
  // cap skips a contender without running it when the prediction is over budget).
  const sweepMatmul = args.sweep ? [32, 64, 128].map((n) => forSweep(matmulCase(n))) : [];
  const main: Case[] = [
    matmulCase(256), matmulCase(512), matmulCase(1024),
    elementwiseCase(1 << 20), softmaxCeCase(),
    mlpCase(64), mlpCase(1),
    adamCase(), valueCase(),
  ];
  const sweepElementwise = args.sweep
    // --quick stops at 1e6: the 1e7 point alone took a minute of a loaded machine.
    ? [1e3, 1e4, 1e5, 1e6, 1e7].filter((n) => !args.quick || n < 1e7).map((n, i) => ({
      ...forSweep(elementwiseCase(n, 'sweep-relu')),
      estimateFrom: i > 0 ? { caseId: `sweep-relu-${['1k', '10k', '100k', '1M'][i - 1]}`, factor: 10 } : undefined,
    }))
    : [];
  const keep = (c: Case): boolean => only === null || c.id.includes(only);
  const order = [...sweepMatmul, ...main, ...sweepElementwise].filter(keep);
  if (order.length === 0) throw new Error(`--only=${only}: no case id contains it (ids: ${[...main, ...sweepElementwise].map((c) => c.id).join(', ')})`);

  const bench = new Bench(contenders, opts);
  const done = new Map<string, CaseResult>();
  const sweepOnly = new Set([...sweepMatmul, ...sweepElementwise].map((c) => c.id));
  for (const cs of order) {
    const t = performance.now();
    // A sweep point is one point of a curve: fewer rounds than a table case.
    const override = sweepOnly.has(cs.id) ? { rounds: Math.max(2, Math.ceil(opts.rounds / 2)) } : {};
    done.set(cs.id, await bench.run(cs, override));
    assertShimRemoved(cs.id);
    console.log(`  ${cs.id} (${fmtTime(performance.now() - t)})`);
  }
  const cases = main.filter(keep).map((c) => done.get(c.id) as CaseResult);
  const sweep = [...sweepMatmul, ...main.filter((c) => c.family === 'matmul'), ...sweepElementwise]
    .filter(keep).filter(() => args.sweep).map((c) => done.get(c.id) as CaseResult);

  machine.loadAverageEnd = loadAverage();
  const seconds = (performance.now() - t0) / 1000;
  const command = `npm run bench:compare${process.argv.slice(2).length > 0 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const rep: Report = {
    machine, command, float32, ceilings, cases, sweep, seconds,
    options: { clock: opts.clock, rounds: opts.rounds, sampleMs: opts.sampleMs, warmupMs: opts.warmupMs, minWarmRuns: opts.minWarmRuns, capMs: opts.capMs, quick: args.quick },
  };
  const t = timesTable(cases);
  console.log('\n' + terminalTable(t.head, t.body));
  const s = summary(rep);
  console.log('\n' + terminalTable(s.head, s.body));
  console.log('\nratio = median over rounds of peer time / SmolML time in the same dtype and round (above 1: SmolML is faster); of limit = limit time / SmolML time');
  for (const v of verdicts(rep)) console.log(`${v.met ? 'met    ' : 'NOT met'}  ${v.goal}: ${v.detail}`);
  console.log(`\nload average at end: ${machine.loadAverageEnd.join(' / ')}; ${seconds.toFixed(0)} s`);

  if (args.write || args.out !== null) {
    const dir = args.out !== null ? path.resolve(args.out) : path.join(repoRoot(), 'docs');
    const svgs = charts(rep);
    fs.mkdirSync(path.join(dir, 'images'), { recursive: true });
    for (const [name, svg] of Object.entries(svgs)) fs.writeFileSync(path.join(dir, 'images', name), svg);
    fs.writeFileSync(path.join(dir, 'benchmarks.json'), toJson(rep));
    fs.writeFileSync(path.join(dir, 'benchmarks.md'), markdown(rep, Object.keys(svgs)));
    console.log(`wrote ${dir}/benchmarks.md, benchmarks.json, ${Object.keys(svgs).map((f) => `images/${f}`).join(', ')}`);
  }
}

main().then(
  // jax-js and TF.js keep WebAssembly state alive; the run is over.
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
