// Turns measured cases into the terminal table, docs/benchmarks.md, docs/benchmarks.json
// and the ratio bar charts.
import { barChart } from '../../../docs/examples/src/plots/svg';
import type { CaseResult, ContenderId, ContenderResult, HarnessOptions } from './harness';
import type { Machine } from './machine';

export interface Report {
  machine: Machine;
  options: Pick<HarnessOptions, 'rounds' | 'sampleMs' | 'warmupMs'>;
  cases: CaseResult[];
}

export function fmtTime(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

const fmtRatio = (r: number): string =>
  r >= 1000 ? `${Number(r.toPrecision(2)).toLocaleString('en-US')}×` : `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
const gflops = (flops: number, ms: number): number => flops / ms / 1e6;

function cell(c: ContenderResult, flops: number | undefined): string {
  if (!c.checkOk) return `wrong result (error ${c.checkError.toExponential(1)})`;
  if (c.ms === null) return '–';
  const rate = flops !== undefined ? `, ${gflops(flops, c.ms.median).toFixed(1)} GFLOP/s` : '';
  return `${fmtTime(c.ms.median)} (${fmtTime(c.ms.min)}–${fmtTime(c.ms.max)}${rate})`;
}

/** Contenders in column order, as they appear across all cases. */
function columns(cases: readonly CaseResult[]): { id: ContenderId; name: string; precision: string }[] {
  const seen = new Map<ContenderId, { id: ContenderId; name: string; precision: string }>();
  for (const cs of cases) for (const c of cs.contenders) if (!seen.has(c.id)) seen.set(c.id, { id: c.id, name: c.name, precision: c.precision });
  return [...seen.values()];
}

function rows(cases: readonly CaseResult[]): { head: string[]; body: string[][] } {
  const cols = columns(cases);
  const head = ['case'];
  for (const c of cols) {
    head.push(`${c.name} (${c.precision})`);
    if (c.id !== 'smolml') head.push('ratio');
  }
  const body = cases.map((cs) => {
    const r = [cs.title];
    for (const col of cols) {
      const c = cs.contenders.find((x) => x.id === col.id);
      r.push(c ? cell(c, cs.flops) : '–');
      if (col.id !== 'smolml') r.push(c?.ratio != null ? fmtRatio(c.ratio) : '–');
    }
    return r;
  });
  return { head, body };
}

export function terminalTable(cases: readonly CaseResult[]): string {
  const { head, body } = rows(cases);
  const width = head.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const line = (r: string[]): string => r.map((s, j) => (j === 0 ? s.padEnd(width[j]) : s.padStart(width[j]))).join('  ');
  return [line(head), width.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(head: string[], body: string[][]): string {
  const align = head.map((_, j) => (j === 0 ? '---' : '---:'));
  return [head, align, ...body].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

interface Verdict { goal: string; met: boolean; detail: string }

/** The issue's bar, checked against this run. */
export function verdicts(cases: readonly CaseResult[]): Verdict[] {
  const ratio = (caseId: string, who: ContenderId): number | null =>
    cases.find((c) => c.id === caseId)?.contenders.find((c) => c.id === who)?.ratio ?? null;
  const out: Verdict[] = [];
  const cpuAll = cases.flatMap((cs) => cs.contenders.filter((c) => c.id === 'tfjs-cpu').map((c) => ({ cs, c })));
  const slower = cpuAll.filter(({ c }) => !(c.ratio !== null && c.ratio > 1));
  out.push({
    goal: 'faster than TF.js cpu on every case',
    met: cpuAll.length > 0 && slower.length === 0,
    detail: slower.length === 0 ? `on all ${cpuAll.length} cases` : `not on ${slower.map(({ cs }) => cs.title).join(', ')}`,
  });
  for (const id of ['matmul-256', 'mlp-step-b64', 'mlp-step-b1']) {
    const r = ratio(id, 'tfjs-cpu');
    if (r === null) continue;
    out.push({ goal: `≥ 4× TF.js cpu on ${id}`, met: r >= 4, detail: fmtRatio(r) });
  }
  // The same bar for core's pure-JS fallback (engines without WebAssembly SIMD): its
  // ratio to TF.js cpu, through ours, as both were timed in the same rounds.
  for (const id of ['matmul-256', 'mlp-step-b64', 'mlp-step-b1']) {
    const cpu = ratio(id, 'tfjs-cpu'), js = ratio(id, 'smolml-js');
    if (cpu === null || js === null) continue;
    out.push({ goal: `≥ 4× TF.js cpu on ${id} with the JS fallback kernel`, met: cpu / js >= 4, detail: fmtRatio(cpu / js) });
  }
  for (const id of ['mlp-step-b64', 'mlp-step-b1']) {
    const r = ratio(id, 'tfjs-wasm');
    if (r === null) continue;
    out.push({ goal: `faster than TF.js wasm on ${id} (goal)`, met: r > 1, detail: fmtRatio(r) });
  }
  return out;
}

export function toJson(rep: Report): string {
  return JSON.stringify({
    ratio: 'median over rounds of (contender time / SmolML time in the same round); above 1: SmolML is faster',
    machine: rep.machine,
    options: rep.options,
    cases: rep.cases.map((cs) => ({
      id: cs.id,
      title: cs.title,
      flops: cs.flops,
      tolerance: cs.tolerance,
      contenders: cs.contenders.map((c) => ({
        id: c.id,
        name: c.name,
        precision: c.precision,
        medianMs: c.ms?.median ?? null,
        minMs: c.ms?.min ?? null,
        maxMs: c.ms?.max ?? null,
        ratio: c.ratio,
        ratioOfMedians: c.ratioOfMedians,
        gflops: cs.flops !== undefined && c.ms ? gflops(cs.flops, c.ms.median) : undefined,
        maxAbsError: c.maxAbsError,
        checkError: c.checkError,
        checkOk: c.checkOk,
        runsPerSample: c.runsPerSample,
        samplesMs: c.ms?.samples ?? [],
      })),
      quoted: cs.quoted,
    })),
  }, (_, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v), 2) + '\n';
}

/** One bar chart per peer: how many times longer it takes than SmolML, case by case. */
export function charts(cases: readonly CaseResult[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const col of columns(cases)) {
    if (col.id === 'smolml') continue;
    const bars = cases.flatMap((cs) => {
      const c = cs.contenders.find((x) => x.id === col.id);
      return c?.ratio != null ? [{ label: cs.short, value: c.ratio }] : [];
    });
    out[`bench-vs-${col.id}.svg`] = barChart(bars, {
      title: col.id === 'smolml-js'
        ? 'SmolML with its JS kernel ÷ with its WebAssembly kernel (time)'
        : `${col.name} time ÷ SmolML time (above 1: SmolML is faster)`,
      width: 760,
      format: fmtRatio,
    });
  }
  return out;
}

export function markdown(rep: Report, chartFiles: readonly string[]): string {
  const m = rep.machine;
  const { head, body } = rows(rep.cases);
  const quoted = rep.cases.filter((c) => c.quoted);
  const v = verdicts(rep.cases);
  const lines = [
    '# Benchmarks: SmolML against TensorFlow.js',
    '',
    '<!-- Generated by `npm run bench:compare` (packages/bench/src/compare.ts). Do not edit by hand. -->',
    '',
    'Every case runs for every contender in the same process, interleaved (A, B, C, A, B, C, …),',
    `after a warm-up: ${rep.options.rounds} rounds, each sample at least ${rep.options.sampleMs} ms`,
    '(fast cases repeat inside a sample). Cells show the median time per run and the min–max over',
    'the samples. **Ratio** is how many times longer the peer takes than SmolML: the median over',
    'rounds of its time divided by ours in the same round (samples a moment apart share the',
    'machine\'s state, so pairing them cancels most of its noise). Above 1, SmolML is faster.',
    'Quote ratios, not times: absolute times vary between machines, and on a busy machine from',
    'one run to the next, while ratios measured in one interleaved run hold up much better.',
    '',
    'Before timing, each contender runs its case once from the same inputs and its result is',
    'compared with ours (max abs error relative to max(1, max |ours|)): a contender that computes',
    'something else is reported as wrong, not timed. SmolML computes in float64; TensorFlow.js in',
    'float32 (its only floating-point type on these backends), with tolerances to match.',
    '',
    `Run on ${m.date.slice(0, 10)}: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node.js ${m.node}`,
    `(V8 ${m.v8}), load average ${m.loadAverage.join(' / ')} at the start.`,
    `${Object.entries(m.versions).map(([k, ver]) => `\`${k}\` ${ver}`).join(', ')}.`,
    `TF.js wasm: ${m.tfjsWasm}. SmolML matmul kernel: ${m.smolmlKernel}.`,
    '',
    markdownTable(head, body),
    '',
    ...chartFiles.map((f) => `![${f}](images/${f})`),
    '',
  ];
  if (quoted.length > 0) {
    lines.push('## Against the original Python SmolML', '');
    lines.push('| case | SmolML | original SmolML (Python) | ratio |', '| --- | ---: | ---: | ---: |');
    for (const cs of quoted) {
      const ours = cs.contenders.find((c) => c.id === 'smolml');
      const q = cs.quoted as NonNullable<CaseResult['quoted']>;
      lines.push(`| ${cs.title} | ${ours?.ms ? fmtTime(ours.ms.median) : '–'} | ≈ ${fmtTime(q.ms)} | ${fmtRatio(q.ratio)} |`);
    }
    lines.push('', `The Python figures are not measured in this run: ${quoted.map((c) => (c.quoted as { note: string }).note).join('; ')}.`, '');
  }
  lines.push('## Result checks', '');
  lines.push(
    'Max abs error of each peer\'s result against ours on the check run; in brackets, divided by',
    'max(1, max |ours|), the figure the tolerance applies to (float32 peers: the column;',
    'SmolML\'s own JavaScript kernel: 1e-9). A peer beyond it is marked ✗ and not timed.', '');
  lines.push(`| case | tolerance | ${columns(rep.cases).filter((c) => c.id !== 'smolml').map((c) => c.name).join(' | ')} |`);
  lines.push(`| --- | ---: | ${columns(rep.cases).filter((c) => c.id !== 'smolml').map(() => '---:').join(' | ')} |`);
  for (const cs of rep.cases) {
    const peers = columns(rep.cases).filter((c) => c.id !== 'smolml');
    if (!cs.contenders.some((c) => c.id !== 'smolml')) continue;
    const cells = peers.map((col) => {
      const c = cs.contenders.find((x) => x.id === col.id);
      return c ? `${c.maxAbsError.toExponential(1)} (${c.checkError.toExponential(1)})${c.checkOk ? '' : ' ✗'}` : '–';
    });
    lines.push(`| ${cs.title} | ${cs.tolerance.toExponential(0)} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  lines.push('## Against the bar set in the issue', '');
  for (const x of v) lines.push(`- ${x.met ? '✅' : '❌'} ${x.goal}: ${x.detail}`);
  lines.push('', ...CASE_NOTES, '');
  return lines.join('\n');
}

const CASE_NOTES = [
  '## The cases',
  '',
  '- **matmul N×N**: `A.matmul(B)` / `tf.matMul(A, B)` on square matrices of N(0, 1) numbers, no gradient.',
  '- **relu(a*b+c)**: three elementwise ops on 1M-element vectors, forward only.',
  '- **softmax + cross-entropy**: mean softmax cross-entropy of 64×10 logits against one-hot labels,',
  '  loss and gradient (`loss.backward()` / `tf.valueAndGrad`).',
  '- **MLP step**: one training step of a 784→128→10 ReLU network (He-scaled weights, zero biases)',
  '  with softmax cross-entropy and Adam (lr 0.01, β 0.9/0.999, ε 1e-8): zero the gradients,',
  '  forward, backward, update (`optimizer.minimize` for TF.js).',
  '- **Adam, 1M parameters**: one `step` / `applyGradients` on a 1M-element parameter from a fixed gradient.',
  '- **1M Value ops**: Σ xᵢ·wᵢ over 500 000 terms with scalar `Value`s (1M nodes), built and',
  '  backpropagated. TensorFlow.js has no scalar autograd, so this compares with the Python original.',
  '',
  'TF.js results are not read back inside the timed region (both backends run their kernels',
  'synchronously, so the work is done when the call returns); ours are ordinary `Float64Array`s.',
  '',
  '## Where the time goes',
  '',
  '- **Matrix products** run in a float64 WebAssembly SIMD kernel that `@smolml/core` emits from',
  '  TypeScript on first use (`packages/core/src/wasm/`, under 2 KB, no `.wasm` file): B packed into',
  '  panels of 4 columns, a 4×4 block of C in eight f64x2 registers. Each element of C is the same',
  '  sum in the same order as in the JavaScript kernel, which still runs very small products (under',
  '  about 8×8×8) and engines without WebAssembly SIMD: results are bit-identical either way.',
  '  The **SmolML, JS kernel** column, when present, is core forced onto that fallback (`setGemmKernel(\'js\')`).',
  '- **Training steps** also lean on the fused softmax cross-entropy of `@smolml/losses` (one op',
  '  forward and backward) and the single-loop Adam of `@smolml/optimizers`.',
  '- **Where TF.js wasm is ahead**: float32 matrix products in XNNPACK fill four lanes per SIMD',
  '  register where float64 fills two; and on large elementwise chains each SmolML op writes a',
  '  freshly allocated `Float64Array` (the operating system maps its pages on first write), while',
  '  TF.js reuses its WebAssembly heap.',
  '',
  '## Reproduce',
  '',
  '```sh',
  'npm run bench:compare                                  # installs, builds, runs, rewrites this page',
  'pnpm --filter @smolml/bench run compare -- --quick     # fewer rounds, nothing written',
  'pnpm --filter @smolml/bench run compare -- --only=matmul',
  '```',
];
