// The measuring loop: every contender of a case is first checked against ours, then
// timed in interleaved rounds (A, B, C, A, B, C, ...) so that a slow patch of the
// machine (another process, a thermal dip) lands on all contenders alike.

/** One ready-to-run instance of a case for one contender. */
export interface Instance {
  /** Does the measured work once (synchronously: both TF.js backends here are synchronous). */
  run(): void;
  /** The numbers that prove the work was done right, read after one `run()` from a fresh instance. */
  result(): ArrayLike<number>;
  /** Frees what the instance holds (TF.js tensors are not garbage-collected). */
  dispose?(): void;
}

export type ContenderId = 'smolml' | 'smolml-js' | 'tfjs-cpu' | 'tfjs-wasm';

export interface Contender {
  id: ContenderId;
  /** Column heading in the table. */
  name: string;
  precision: 'float64' | 'float32';
  /** Makes this contender the active one (switches the TF.js backend). */
  enter(): Promise<void> | void;
  /** Called after this contender's sample, to restore global state `enter` changed. */
  leave?(): void;
}

export interface Case {
  id: string;
  title: string;
  /** A short label for the charts. */
  short: string;
  /** Floating-point operations per run, to report GFLOP/s. */
  flops?: number;
  /** Allowed check error, relative to max(1, max |ours|), for float32 contenders. */
  tolerance: number;
  make: Partial<Record<ContenderId, () => Instance>>;
  /** A figure quoted from elsewhere (not measured in this run), shown beside ours. */
  quoted?: { name: string; ms: number; note: string };
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export interface ContenderResult {
  id: ContenderId;
  name: string;
  precision: 'float64' | 'float32';
  /** Milliseconds per run. */
  ms: Stats | null;
  /**
   * How many times longer this contender takes than ours: the median over rounds of its
   * time divided by ours in the same round (above 1, ours is faster). Pairing samples
   * taken a moment apart cancels most of the noise of a shared machine.
   */
  ratio: number | null;
  /** Its median time divided by our median time (the unpaired ratio, for reference). */
  ratioOfMedians: number | null;
  /** max |theirs - ours| on the check run. */
  maxAbsError: number;
  /** maxAbsError / max(1, max |ours|): what the tolerance applies to. */
  checkError: number;
  checkOk: boolean;
  runsPerSample: number;
}

export interface CaseResult {
  id: string;
  title: string;
  short: string;
  flops?: number;
  /** The float32 contenders' tolerance (float64 ones must agree to 1e-9). */
  tolerance: number;
  contenders: ContenderResult[];
  quoted?: { name: string; ms: number; note: string; ratio: number };
}

export interface HarnessOptions {
  /** Timed rounds; each round takes one sample of every contender. */
  rounds: number;
  /** Minimum duration of one sample, in ms (fast cases repeat the run until they reach it). */
  sampleMs: number;
  /** Warm-up duration per contender before timing, in ms (at least two runs). */
  warmupMs: number;
  log?: (line: string) => void;
}

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? ((): void => {});

function stats(samples: number[]): Stats {
  const s = samples.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], samples };
}

/**
 * max |x - ref|, and that divided by max(1, max |ref|): a scale-aware error, so one
 * tolerance fits outputs of any size. NaN anywhere, or a length mismatch, is Infinity.
 */
export function compareResults(x: ArrayLike<number>, ref: ArrayLike<number>): { maxAbs: number; relative: number } {
  if (x.length !== ref.length) return { maxAbs: Infinity, relative: Infinity };
  let err = 0, scale = 1;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(x[i] - ref[i]);
    err = d <= err ? err : Number.isNaN(d) ? Infinity : d;
    const a = Math.abs(ref[i]);
    if (a > scale) scale = a;
  }
  return { maxAbs: err, relative: err / scale };
}

/** Runs `body` once per contender, with that contender active. */
async function within<T>(c: Contender, body: () => T): Promise<T> {
  await c.enter();
  try {
    return body();
  } finally {
    c.leave?.();
  }
}

export async function runCase(cs: Case, contenders: readonly Contender[], o: HarnessOptions): Promise<CaseResult> {
  const active = contenders.filter((c) => cs.make[c.id] !== undefined);
  const ours = active.find((c) => c.id === 'smolml');
  if (ours === undefined) throw new Error(`case ${cs.id} has no SmolML implementation`);

  // 1. Check: one run from a fresh instance each, compared with ours.
  const results = new Map<ContenderId, ArrayLike<number>>();
  for (const c of active) {
    results.set(c.id, await within(c, () => {
      const inst = (cs.make[c.id] as () => Instance)();
      inst.run();
      const r = Array.from(inst.result());
      inst.dispose?.();
      return r;
    }));
  }
  const ref = results.get('smolml') as ArrayLike<number>;
  type Check = { error: number; maxAbs: number; ok: boolean };
  const checks = new Map<ContenderId, Check>();
  for (const c of active) {
    const { maxAbs, relative: error } = compareResults(results.get(c.id) as ArrayLike<number>, ref);
    // Our own kernels are float64 throughout, so they must agree to float64 rounding.
    const tol = c.precision === 'float64' ? 1e-9 : cs.tolerance;
    checks.set(c.id, { error, maxAbs, ok: error <= tol });
    if (!(error <= tol)) o.log?.(`  ! ${c.name} gave a wrong result on ${cs.id}: error ${error.toExponential(2)} > ${tol}; not timed`);
  }
  const timed = active.filter((c) => (checks.get(c.id) as Check).ok);

  // 2. Warm up (lets V8 optimise and TF.js fill its caches) and pick runs per sample.
  // The heap is collected once here, not before every sample: after each forced full GC,
  // TF.js cpu ran 30-50× slower for the next 40 ms (V8 seems to drop its optimised code).
  gc();
  const inst = new Map<ContenderId, Instance>();
  const reps = new Map<ContenderId, number>();
  for (const c of timed) {
    await within(c, () => {
      const it = (cs.make[c.id] as () => Instance)();
      inst.set(c.id, it);
      const t0 = performance.now();
      let n = 0;
      while (n < 2 || performance.now() - t0 < o.warmupMs) { it.run(); n++; }
      const per = (performance.now() - t0) / n;
      reps.set(c.id, Math.max(1, Math.ceil(o.sampleMs / per)));
    });
  }

  // 3. Interleaved rounds.
  const samples = new Map<ContenderId, number[]>(timed.map((c) => [c.id, []]));
  for (let r = 0; r < o.rounds; r++) {
    for (const c of timed) {
      const it = inst.get(c.id) as Instance, n = reps.get(c.id) as number;
      await c.enter();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) it.run();
      const t = (performance.now() - t0) / n;
      c.leave?.();
      (samples.get(c.id) as number[]).push(t);
    }
  }
  for (const c of timed) await within(c, () => inst.get(c.id)?.dispose?.());

  const ourSamples = samples.get('smolml') as number[];
  const ourMs = stats(ourSamples).median;
  const out: CaseResult = {
    id: cs.id,
    title: cs.title,
    short: cs.short,
    flops: cs.flops,
    tolerance: cs.tolerance,
    contenders: active.map((c) => {
      const s = samples.get(c.id);
      const ms = s !== undefined ? stats(s) : null;
      const ck = checks.get(c.id) as Check;
      return {
        id: c.id, name: c.name, precision: c.precision, ms,
        ratio: s !== undefined ? stats(s.map((t, r) => t / ourSamples[r])).median : null,
        ratioOfMedians: ms ? ms.median / ourMs : null,
        maxAbsError: ck.maxAbs, checkError: ck.error, checkOk: ck.ok,
        runsPerSample: reps.get(c.id) ?? 0,
      };
    }),
  };
  if (cs.quoted) out.quoted = { ...cs.quoted, ratio: cs.quoted.ms / ourMs };
  return out;
}
