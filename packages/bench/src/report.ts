// Turns measured cases into the terminal table, docs/benchmarks.md, docs/benchmarks.json,
// the ratio bar charts and the scaling plots.
import type { CaseResult, ContenderId, ContenderResult, HarnessOptions } from './harness';
import type { Machine } from './machine';
import { logLogChart, ratioChart, type LogSeries } from './plot';
import { PEER_NOTES, CASE_NOTES } from './notes';

export interface Ceilings {
  f32x4: { gflops: number; chains: number };
  f64x2: { gflops: number; chains: number };
  /** `TypedArray.set` over relu(a*b+c)'s bytes at 1M float64 elements, GB/s (reference only). */
  memcpyGBs: number;
}

export interface Report {
  machine: Machine;
  command: string;
  options: Pick<HarnessOptions, 'clock' | 'rounds' | 'sampleMs' | 'warmupMs' | 'minWarmRuns' | 'capMs'> & { quick: boolean };
  /** Whether core had float32 in this run. */
  float32: boolean;
  ceilings: Ceilings;
  cases: CaseResult[];
  sweep: CaseResult[];
  /** Wall time of the whole run, seconds. */
  seconds: number;
}

export function fmtTime(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

export const fmtRatio = (r: number): string =>
  r >= 1000 ? `${Number(r.toPrecision(2)).toLocaleString('en-US')}×` : `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
const pct = (r: number): string => `${(100 * r).toFixed(r < 0.1 ? 1 : 0)}%`;
const gflops = (flops: number, ms: number): number => flops / ms / 1e6;

const get = (cs: CaseResult, id: ContenderId): ContenderResult | undefined => cs.contenders.find((c) => c.id === id);

/** A peer's cell in the summary: its ratio, or why it has none. */
function ratioCell(c: ContenderResult | undefined): string {
  if (c === undefined) return '–';
  if (c.ratio !== null) return fmtRatio(c.ratio);
  if (c.skip?.reason === 'cap') return c.estimatedRatio !== null ? `skipped (≈ ${fmtRatio(c.estimatedRatio)})` : 'skipped';
  // Timed, but ours in its dtype was skipped: the ratio to our estimate.
  if (c.skip === null && c.estimatedRatio !== null) return `≈ ${fmtRatio(c.estimatedRatio)} (ours estimated)`;
  if (c.skip?.reason === 'wrong') return '✗ wrong result';
  if (c.skip?.reason === 'failed') return 'failed';
  return '–';
}

function oursCell(cs: CaseResult, id: ContenderId): string {
  const c = get(cs, id);
  if (c?.skip?.reason === 'cap') return `skipped (≈ ${c.skip.estimateMs !== null ? fmtTime(c.skip.estimateMs) : '?'})`;
  if (!c?.ms) return '–';
  return fmtTime(c.ms.median) + (cs.flops !== undefined ? ` (${gflops(cs.flops, c.ms.median).toFixed(1)} GFLOP/s)` : '');
}

function limitCell(cs: CaseResult, id: ContenderId): string {
  const c = get(cs, id);
  return c?.ratio != null ? pct(c.ratio) : '–';
}

interface Column { head: string; cell: (cs: CaseResult) => string }

function summaryColumns(float32: boolean): Column[] {
  const peer = (id: ContenderId) => (cs: CaseResult) => ratioCell(get(cs, id));
  const cols: Column[] = [{ head: 'case', cell: (cs) => cs.title }];
  if (float32) {
    cols.push({ head: 'SmolML float32', cell: (cs) => oursCell(cs, 'smolml-f32') });
    cols.push({ head: 'of limit', cell: (cs) => limitCell(cs, 'limit-f32') });
  }
  cols.push({ head: 'SmolML float64', cell: (cs) => oursCell(cs, 'smolml') });
  cols.push({ head: 'of limit', cell: (cs) => limitCell(cs, 'limit-f64') });
  const vs32 = float32 ? 'f32' : 'vs our f64';
  cols.push({ head: `TF.js cpu (${vs32})`, cell: peer('tfjs-cpu') });
  cols.push({ head: `TF.js wasm (${vs32})`, cell: peer('tfjs-wasm') });
  cols.push({ head: `jax-js (${vs32})`, cell: peer('jax-f32') });
  cols.push({ head: 'jax-js (f64)', cell: peer('jax-f64') });
  cols.push({ head: 'js-pytorch (f64)', cell: peer('torch') });
  cols.push({ head: 'micrograd (f64)', cell: peer('micrograd') });
  return cols;
}

function table(cols: readonly Column[], cases: readonly CaseResult[]): { head: string[]; body: string[][] } {
  return { head: cols.map((c) => c.head), body: cases.map((cs) => cols.map((c) => c.cell(cs))) };
}

export function terminalTable(head: string[], body: string[][]): string {
  const width = head.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const line = (r: string[]): string => r.map((s, j) => (j === 0 ? s.padEnd(width[j]) : s.padStart(width[j]))).join('  ');
  return [line(head), width.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(head: string[], body: string[][]): string {
  const align = head.map((_, j) => (j === 0 ? '---' : '---:'));
  return [head, align, ...body].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function summary(rep: Pick<Report, 'float32' | 'cases'>): { head: string[]; body: string[][] } {
  return table(summaryColumns(rep.float32), rep.cases);
}

/** Every contender's time: median (min–max), samples × runs per sample; or why it was not timed. */
export function timesTable(cases: readonly CaseResult[]): { head: string[]; body: string[][] } {
  const ids: ContenderId[] = [];
  const names = new Map<ContenderId, string>();
  for (const cs of cases) for (const c of cs.contenders) if (!names.has(c.id)) { ids.push(c.id); names.set(c.id, `${c.name} (${c.precision})`); }
  const head = ['case', ...ids.map((id) => names.get(id) as string)];
  const body = cases.map((cs) => [cs.title, ...ids.map((id) => {
    const c = get(cs, id);
    if (c === undefined) return '–';
    if (c.ms) return `${fmtTime(c.ms.median)} (${fmtTime(c.ms.min)}–${fmtTime(c.ms.max)}, ${c.ms.samples.length}×${c.runsPerSample})`;
    if (c.skip?.reason === 'cap') return `skipped: ≈ ${c.skip.estimateMs !== null ? fmtTime(c.skip.estimateMs) : '?'} per run (${c.skip.detail})`;
    if (c.skip) return `${c.skip.reason}: ${c.skip.detail}`;
    return '–';
  })]);
  return { head, body };
}

function checksTable(cases: readonly CaseResult[]): { head: string[]; body: string[][] } {
  const ids: ContenderId[] = [];
  const names = new Map<ContenderId, string>();
  for (const cs of cases) for (const c of cs.contenders) if (c.check && !names.has(c.id)) { ids.push(c.id); names.set(c.id, `${c.name} (${c.precision})`); }
  const head = ['case', 'float32 tolerance', ...ids.map((id) => names.get(id) as string)];
  const body = cases.map((cs) => [cs.title, cs.tolerance.toExponential(0), ...ids.map((id) => {
    const ck = get(cs, id)?.check;
    return ck ? `${ck.maxAbs.toExponential(1)} (${ck.relative.toExponential(1)})${ck.ok ? '' : ' ✗'}` : '–';
  })]);
  return { head, body };
}

export interface Verdict { goal: string; met: boolean; detail: string }

/** The bars set in the issues, checked against this run. */
export function verdicts(rep: Pick<Report, 'float32' | 'cases'>): Verdict[] {
  const cases = rep.cases;
  const byId = (id: string): CaseResult | undefined => cases.find((c) => c.id === id);
  const ratio = (caseId: string, who: ContenderId): number | null => {
    const cs = byId(caseId);
    return cs ? (get(cs, who)?.ratio ?? null) : null;
  };
  const out: Verdict[] = [];
  const peers: [ContenderId, string][] = [['tfjs-cpu', 'TF.js cpu'], ['tfjs-wasm', 'TF.js wasm'], ['jax-f32', 'jax-js float32'], ['torch', 'js-pytorch'], ['jax-f64', 'jax-js float64 (reported beside)']];
  for (const [id, name] of peers) {
    const rows = cases.flatMap((cs) => { const c = get(cs, id); return c ? [{ cs, c }] : []; });
    if (rows.length === 0) continue;
    const behind = rows.filter(({ c }) => (c.ratio ?? c.estimatedRatio ?? 0) < 1);
    const untimed = rows.filter(({ c }) => c.ratio === null);
    out.push({
      goal: `≥ 1.0× ${name} on every case${id.endsWith('f32') || id.startsWith('tfjs') ? (rep.float32 ? ' (float32 against float32)' : ' (against our float64: no float32 in core yet)') : ''}`,
      met: behind.length === 0,
      detail: behind.length === 0
        ? `on all ${rows.length} cases${untimed.length > 0 ? ` (${untimed.length} from estimates)` : ''}`
        : `behind on ${behind.map(({ cs, c }) => `${cs.short} (${fmtRatio(c.ratio ?? c.estimatedRatio ?? 0)})`).join(', ')}`,
    });
  }
  const f = rep.float32 ? 'limit-f32' : 'limit-f64';
  const matmuls = cases.filter((cs) => cs.family === 'matmul' && get(cs, f)?.ratio != null);
  if (matmuls.length > 0) {
    const fr = matmuls.map((cs) => ({ cs, r: get(cs, f)?.ratio as number }));
    out.push({
      goal: `${rep.float32 ? 'float32' : 'float64 (no float32 yet)'} matmul ≥ 80% of the ${rep.float32 ? 'f32x4' : 'f64x2'} SIMD peak loop`,
      met: fr.every(({ r }) => r >= 0.8),
      detail: fr.map(({ cs, r }) => `${cs.short}: ${pct(r)}`).join(', '),
    });
  }
  const relu = byId('relu-fma-1M');
  const reluLimit = relu ? get(relu, f)?.ratio : null;
  if (reluLimit != null) out.push({ goal: 'relu(a*b+c) on 1M elements ≥ 50% of the copy loop\'s speed over the same bytes', met: reluLimit >= 0.5, detail: pct(reluLimit) });
  const mg = ratio('value-1M', 'micrograd');
  if (mg !== null) out.push({ goal: '1M Value ops ≥ 3× the closure-based micrograd', met: mg >= 3, detail: fmtRatio(mg) });
  if (rep.float32) {
    for (const id of ['matmul-256', 'matmul-512']) {
      const r = ratio(id, 'smolml-f32');
      if (r !== null) out.push({ goal: `float32 ${id} ≥ 1.6× our float64`, met: 1 / r >= 1.6, detail: fmtRatio(1 / r) });
    }
    const r = ratio('mlp-step-b64', 'smolml-f32');
    if (r !== null) out.push({ goal: 'float32 MLP step at batch 64 faster than float64', met: r < 1, detail: `${fmtRatio(1 / r)} the float64 speed` });
  }
  // The earlier bar for core's pure-JS fallback (engines without WebAssembly SIMD): its
  // ratio to TF.js cpu, through ours, as both were timed in the same rounds.
  for (const id of ['matmul-256', 'mlp-step-b64', 'mlp-step-b1']) {
    const cpu = ratio(id, 'tfjs-cpu'), js = ratio(id, 'smolml-js');
    if (cpu === null || js === null) continue;
    // TF.js cpu's ratio is against our float32 when there is one; the JS kernel's against our float64.
    const f64cpu = rep.float32 && ratio(id, 'smolml-f32') !== null ? cpu * (ratio(id, 'smolml-f32') as number) : cpu;
    out.push({ goal: `≥ 4× TF.js cpu on ${id} with the JS fallback kernel`, met: f64cpu / js >= 4, detail: fmtRatio(f64cpu / js) });
  }
  return out;
}

export function toJson(rep: Report): string {
  const contender = (cs: CaseResult, c: ContenderResult) => ({
    id: c.id, name: c.name, precision: c.precision, role: c.role,
    medianMs: c.ms?.median ?? null, minMs: c.ms?.min ?? null, maxMs: c.ms?.max ?? null,
    versus: c.versus, ratio: c.ratio, estimatedRatio: c.estimatedRatio,
    gflops: cs.flops !== undefined && c.ms ? gflops(cs.flops, c.ms.median) : undefined,
    check: c.check, skip: c.skip, checkMs: c.checkMs, runsPerSample: c.runsPerSample,
    samplesMs: c.ms?.samples ?? [],
  });
  const kase = (cs: CaseResult) => ({
    id: cs.id, title: cs.title, family: cs.family, size: cs.size, flops: cs.flops, tolerance: cs.tolerance, limit: cs.limit,
    contenders: cs.contenders.map((c) => contender(cs, c)), quoted: cs.quoted,
  });
  return JSON.stringify({
    ratio: 'median over rounds of (contender time / SmolML time in the same dtype and round); peers above 1: SmolML is faster; limits: the fraction of the limit SmolML reaches',
    command: rep.command, machine: rep.machine, options: rep.options, float32: rep.float32, ceilings: rep.ceilings, seconds: rep.seconds,
    cases: rep.cases.map(kase), sweep: rep.sweep.map(kase),
  }, (_, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v), 2) + '\n';
}

/** One bar chart per peer: how many times longer it takes than SmolML, case by case. */
export function charts(rep: Report): Record<string, string> {
  const out: Record<string, string> = {};
  const peers: [ContenderId, string][] = [
    ['tfjs-cpu', 'TF.js cpu'], ['tfjs-wasm', 'TF.js wasm'], ['jax-f32', 'jax-js float32'], ['jax-f64', 'jax-js float64'],
    ['torch', 'js-pytorch'], ['smolml-js', 'SmolML with its JS kernel'],
  ];
  for (const [id, name] of peers) {
    const bars = rep.cases.flatMap((cs) => {
      const c = get(cs, id);
      if (c?.ratio != null) return [{ label: cs.short, value: c.ratio }];
      if (c?.estimatedRatio != null) return [{ label: cs.short, value: c.estimatedRatio, estimated: true }];
      return [];
    });
    if (bars.length === 0) continue;
    const vs = id === 'smolml-js' ? 'SmolML float64' : id.endsWith('f32') || id.startsWith('tfjs') ? (rep.float32 ? 'SmolML float32' : 'SmolML float64') : 'SmolML float64';
    const title = id === 'smolml-js'
      ? 'SmolML float64: JS gemm kernel time ÷ WebAssembly kernel time'
      : `${name} time ÷ ${vs} time (right of 1×: SmolML is faster; hollow: estimate)`;
    out[`bench-vs-${id}.svg`] = ratioChart(bars, { title, format: fmtRatio });
  }
  for (const family of ['elementwise', 'matmul'] as const) {
    const cs = rep.sweep.filter((c) => c.family === family).sort((a, b) => (a.size as number) - (b.size as number));
    if (cs.length === 0) continue;
    out[`bench-scaling-${family}.svg`] = scalingChart(rep, family, cs);
  }
  return out;
}

/** Contenders drawn in the scaling plots. */
export const SWEEP_LINES: readonly ContenderId[] = ['smolml-f32', 'smolml', 'tfjs-cpu', 'tfjs-wasm', 'jax-f32', 'torch', 'limit-f32', 'limit-f64'];

function lineLabel(c: ContenderResult): string {
  if (c.role === 'limit') return c.precision === 'float32' ? 'limit, float32 (peak / copy loop)' : 'limit, float64 (peak / copy loop)';
  return `${c.name} (${c.precision})`;
}

function scalingChart(rep: Report, family: string, cases: readonly CaseResult[]): string {
  const series: LogSeries[] = [];
  for (const id of SWEEP_LINES) {
    // Only the limit of the dtype ours is drawn in at its fastest.
    if (id === 'limit-f64' && rep.float32) continue;
    const points = cases.flatMap((cs) => {
      const c = get(cs, id);
      if (!c) return [];
      if (c.ms) return [{ x: cs.size as number, y: c.ms.median }];
      if (c.skip?.reason === 'cap' && c.skip.estimateMs !== null) return [{ x: cs.size as number, y: c.skip.estimateMs, estimated: true }];
      return [];
    });
    const first = cases.map((cs) => get(cs, id)).find((c) => c !== undefined);
    if (points.length > 0 && first) series.push({ label: lineLabel(first), points, reference: first.role === 'limit' });
  }
  const title = family === 'matmul' ? 'matmul N×N: time per product' : 'relu(a*b+c): time per call';
  return logLogChart(series, {
    title,
    xLabel: family === 'matmul' ? 'N' : 'elements',
    yLabel: 'time per run (log scale)',
  });
}

function sweepTable(cases: readonly CaseResult[]): { head: string[]; body: string[][] } {
  const t = timesTable(cases);
  return { head: ['size', ...t.head.slice(1)], body: t.body.map((r, i) => [(cases[i].size as number).toLocaleString('en-US'), ...r.slice(1)]) };
}

function ceilingRows(rep: Report): string[] {
  const lines: string[] = [];
  lines.push(`| ceiling | float32 | float64 |`, '| --- | ---: | ---: |');
  lines.push(`| SIMD peak loop (mul + add on registers), calibration | ${rep.ceilings.f32x4.gflops.toFixed(1)} GFLOP/s (f32x4, ${rep.ceilings.f32x4.chains} chains) | ${rep.ceilings.f64x2.gflops.toFixed(1)} GFLOP/s (f64x2, ${rep.ceilings.f64x2.chains} chains) |`);
  const mm = rep.cases.filter((cs) => cs.family === 'matmul');
  for (const cs of mm) {
    const rate = (id: ContenderId): string => { const c = get(cs, id); return c?.ms && cs.flops ? `${gflops(cs.flops, c.ms.median).toFixed(1)} GFLOP/s` : '–'; };
    lines.push(`| SIMD peak loop, in the ${cs.short} rounds | ${rate('limit-f32')} | ${rate('limit-f64')} |`);
  }
  const relu = rep.cases.find((cs) => cs.id === 'relu-fma-1M');
  if (relu) {
    const bw = (id: ContenderId, size: number): string => {
      const c = get(relu, id);
      return c?.ms ? `${(4 * (relu.size as number) * size / c.ms.median / 1e6).toFixed(1)} GB/s (${fmtTime(c.ms.median)})` : '–';
    };
    lines.push(`| copy loop over relu(a*b+c)'s bytes, 1M elements (16 MB float32, 32 MB float64) | ${bw('limit-f32', 4)} | ${bw('limit-f64', 8)} |`);
  }
  lines.push(`| for reference: \`TypedArray.set\` (memcpy) over 32 MB, not a limit used above | ${rep.ceilings.memcpyGBs.toFixed(1)} GB/s | |`);
  return lines;
}

export function markdown(rep: Report, chartFiles: readonly string[]): string {
  const m = rep.machine;
  const s = summary(rep);
  const v = verdicts(rep);
  const quoted = rep.cases.filter((c) => c.quoted);
  const lines = [
    '# Benchmarks: SmolML against TensorFlow.js, jax-js and js-pytorch',
    '',
    '<!-- Generated by `npm run bench:compare` (packages/bench/src/compare.ts). Do not edit by hand. -->',
    '',
    `Command: \`${rep.command}\`, run on ${m.date.slice(0, 10)} in ${Math.round(rep.seconds)} s.`,
    `Load average ${m.loadAverage.join(' / ')} at the start, ${m.loadAverageEnd?.join(' / ') ?? '?'} at the end`,
    `(1 / 5 / 15 minutes; the machine has ${m.cores} cores${m.loadAverage[0] > m.cores / 2 ? ', shared with other work during this run' : ''}).`,
    `${m.cpu}, ${m.memoryGB} GB, ${m.os}, Node.js ${m.node} (V8 ${m.v8}).`,
    `${Object.entries(m.versions).map(([k, ver]) => `\`${k}\` ${ver}`).join(', ')}.`,
    `TF.js wasm: ${m.tfjsWasm}. jax-js wasm: ${m.jaxThreads}. SmolML matmul kernel: ${m.smolmlKernel}.`,
    '',
    rep.float32
      ? 'Float32 peers (TF.js, jax-js float32) are compared with SmolML in float32; float64 peers (jax-js float64, js-pytorch, micrograd) with SmolML in float64.'
      : '**This run had no float32 in `@smolml/core`** (the float32 issue had not landed): the float32 rows are skipped, and the float32 peers are compared with SmolML in float64.',
    '',
    'Every case runs for every contender in the same process, interleaved (A, B, C, A, B, C, …),',
    `after a warm-up: ${rep.options.rounds} rounds, each sample at least ${rep.options.sampleMs} ms`,
    `(fast cases repeat inside a sample; points of the scaling sweeps take half the rounds), and at`,
    `most ${rep.options.capMs / 1000} s of ${rep.options.clock === 'cpu' ? 'CPU' : 'wall'} time per contender per case, or twice our own time if that is more`,
    '(a contender too slow for that is **skipped**, and its estimated time per run shown, from the',
    'size below it or from its own first runs).',
    '**Ratio** = the median over rounds of the peer\'s time divided by ours in the same round and dtype',
    '(samples a moment apart share the machine\'s state, so pairing them cancels most of its noise).',
    'Above 1, SmolML is faster. **Of limit** = the machine limit\'s time divided by ours, paired the',
    'same way: the fraction of this machine\'s ceiling that SmolML reaches (see "Machine ceilings").',
    rep.options.clock === 'cpu'
      ? 'Times are the process\'s **CPU time** (user + system, `process.cpuUsage()`), not wall time: this machine is shared with other work, and wall time would measure that work as much as the code. CPU time also counts V8\'s garbage-collection helper threads. Every contender computes on one thread.'
      : 'Times are wall time (`performance.now()`).',
    'Quote ratios, not times: times vary from run to run on a busy machine, ratios much less.',
    '',
    'Before timing, each contender runs its case once from the same inputs and its result is',
    'compared with our float64 result (max abs error relative to max(1, max |ours|)): float64',
    'contenders to 1e-9, float32 ones to the case\'s float32 tolerance. A contender that computes',
    'something else is reported as wrong, not timed.',
    '',
    markdownTable(s.head, s.body),
    '',
  ];
  if (quoted.length > 0) {
    lines.push('Against the original Python SmolML (figures quoted, not measured here): ' +
      quoted.map((cs) => `${cs.short} ${fmtRatio((cs.quoted as NonNullable<CaseResult['quoted']>).ratio)} (${(cs.quoted as { note: string }).note})`).join('; ') + '.', '');
  }
  lines.push('## Against the bars set in the issues', '');
  for (const x of v) lines.push(`- ${x.met ? '✅' : '❌'} ${x.goal}: ${x.detail}`);
  lines.push('');
  lines.push('## Machine ceilings', '',
    'Measured in the same run. The **SIMD peak loop** is WebAssembly emitted by the bench',
    '(packages/bench/src/ceilings/): independent chains of acc ← acc·m + c in f32x4 or f64x2',
    'registers, mul and add (WebAssembly SIMD has no FMA), enough chains to fill the units; the',
    'chain count is the fastest of 8–14 on this machine. The **copy loop** is a plain indexed',
    'JavaScript loop `dst[i] = src[i]` over reused Float64Arrays (8-byte words whatever the case\'s',
    'dtype: a loop over Float32Array converts each element to a double and back, half the speed',
    'here), moving as many bytes as the case (relu(a*b+c) reads 3 arrays and writes 1; Adam reads',
    'p, g, m, v and writes p, m, v). The engine\'s memcpy is faster still (below), and WebAssembly',
    'kernels can get closer to it than a JavaScript loop: peers above 100% of it are possible. Per case,',
    'the limit contender runs: matmul, 2N³ flops in the peak loop; relu and Adam, the copy loop;',
    'the MLP step, its matmul flops in the peak loop then Adam\'s bytes in the copy loop.', '');
  lines.push(...ceilingRows(rep), '');
  lines.push('## Scaling', '',
    'Time per run against size, log-log: elementwise relu(a*b+c) from 1e3 to 1e7 elements and',
    'matmul N×N from N = 32 to 1024, each point an interleaved case of its own (the matmul points',
    'from 256 up are the table\'s cases). Hollow points are estimates for a contender skipped by',
    'the time cap (extrapolated from the size below it, or from its warm-up runs).', '');
  for (const f of chartFiles.filter((c) => c.startsWith('bench-scaling'))) lines.push(`![${f}](images/${f})`, '');
  for (const family of ['elementwise', 'matmul']) {
    const cs = rep.sweep.filter((c) => c.family === family).sort((a, b) => (a.size as number) - (b.size as number));
    if (cs.length === 0) continue;
    const t = sweepTable(cs);
    lines.push(`<details><summary>${family} times</summary>`, '', markdownTable(t.head, t.body), '', '</details>', '');
  }
  lines.push('## Ratios by peer', '');
  for (const f of chartFiles.filter((c) => c.startsWith('bench-vs'))) lines.push(`![${f}](images/${f})`);
  lines.push('');
  const t = timesTable(rep.cases);
  lines.push('## Times', '', 'Median time per run (min–max over the samples, samples × runs per sample).', '', markdownTable(t.head, t.body), '');
  const ck = checksTable([...rep.cases, ...rep.sweep]);
  lines.push('## Result checks', '',
    'Max abs error of each contender\'s check run against our float64 result; in brackets, divided by',
    'max(1, max |ours|), the figure the tolerance applies to (float64 contenders: 1e-9). ✗: beyond it, not timed.', '',
    markdownTable(ck.head, ck.body), '');
  lines.push(...PEER_NOTES, '', ...CASE_NOTES, '');
  return lines.join('\n');
}
