// The measuring loop: every contender of a case is first checked against ours, then
// timed in interleaved rounds (A, B, C, A, B, C, ...) so that a slow patch of the
// machine (another process, a thermal dip) lands on all contenders alike. Each
// contender has a time budget per case: one too slow for it is shown as skipped, with
// the time per run it would have taken.

/** One ready-to-run instance of a case for one contender. */
export interface Instance {
  /**
   * Does the measured work once. Synchronous for every contender but jax-js, whose
   * lazy arrays are waited for with its own `blockUntilReady` (a promise).
   */
  run(): void | Promise<void>;
  /** The numbers that prove the work was done right, read after one `run()` from a fresh instance. */
  result(): ArrayLike<number> | Promise<ArrayLike<number>>;
  /** Frees what the instance holds (TF.js tensors and jax-js arrays are not garbage-collected). */
  dispose?(): void;
}

export type ContenderId =
  | 'smolml' | 'smolml-f32' | 'smolml-js'
  | 'tfjs-cpu' | 'tfjs-wasm' | 'jax-f32' | 'jax-f64' | 'torch'
  | 'micrograd' | 'limit-f32' | 'limit-f64';

export type Precision = 'float64' | 'float32';

/**
 * `ours`: SmolML itself (float64, float32, or forced onto its JS gemm kernel).
 * `peer`: another library, or the bench's own micrograd. `limit`: a machine ceiling
 * (SIMD peak loop, copy loop) doing the case's arithmetic or memory traffic, not its work.
 */
export type Role = 'ours' | 'peer' | 'limit';

export interface Contender {
  id: ContenderId;
  /** Column heading in the table. */
  name: string;
  precision: Precision;
  role: Role;
  /**
   * The precision its result is checked at, when not its own: jax-js's float64 computes
   * exp and log only to about float32 accuracy, so it is checked at the float32 tolerance.
   */
  checkAs?: Precision;
  /** Makes this contender the active one (switches the TF.js backend, installs jax-js's shim). */
  enter(): Promise<void> | void;
  /** Called after each of this contender's turns, to restore global state `enter` changed. */
  leave?(): void;
}

export interface Case {
  id: string;
  title: string;
  /** A short label for the charts. */
  short: string;
  /** For the scaling sweep: the family (`'elementwise'`, `'matmul'`) and the size on the x axis. */
  family?: string;
  size?: number;
  /** Floating-point operations per run, to report GFLOP/s. */
  flops?: number;
  /** Allowed check error, relative to max(1, max |ours|), for float32 contenders. */
  tolerance: number;
  make: Partial<Record<ContenderId, () => Instance>>;
  /** A case already run whose times, times `factor`, predict this one's (lets the cap skip without running). */
  estimateFrom?: { caseId: string; factor: number };
  /** What the limit contenders of this case do, for the notes. */
  limit?: string;
  /** A figure quoted from elsewhere (not measured in this run), shown beside ours. */
  quoted?: { name: string; ms: number; note: string };
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export interface Check {
  /** max |theirs - ours| on the check run. */
  maxAbs: number;
  /** maxAbs / max(1, max |ours|): what the tolerance applies to. */
  relative: number;
  tolerance: number;
  ok: boolean;
}

export interface Skip {
  reason: 'cap' | 'wrong' | 'failed';
  /** Estimated milliseconds per run, when known. */
  estimateMs: number | null;
  /** Where the estimate (or the failure) comes from. */
  detail: string;
}

export interface ContenderResult {
  id: ContenderId;
  name: string;
  precision: Precision;
  role: Role;
  /** Milliseconds per run; null when skipped. */
  ms: Stats | null;
  /** Whose time the ratio divides by: ours in the same dtype (null for our float64 itself). */
  versus: ContenderId | null;
  /**
   * Median over rounds of this contender's time divided by `versus`'s in the same round.
   * For a peer: above 1, ours is faster. For a limit: the fraction of the limit ours reaches.
   */
  ratio: number | null;
  /** The ratio a skipped contender would have had, from its estimate and our median. */
  estimatedRatio: number | null;
  check: Check | null;
  skip: Skip | null;
  /** Time of the single check run, ms by the run's clock (cold: includes compilation). */
  checkMs: number | null;
  runsPerSample: number;
}

export interface CaseResult {
  id: string;
  title: string;
  short: string;
  family?: string;
  size?: number;
  flops?: number;
  tolerance: number;
  limit?: string;
  contenders: ContenderResult[];
  quoted?: { name: string; ms: number; note: string; ratio: number };
}

export interface HarnessOptions {
  /** Timed rounds; each round takes one sample of every contender. */
  rounds: number;
  /** Minimum duration of one sample, in ms (fast cases repeat the run until they reach it). */
  sampleMs: number;
  /** Warm-up duration per contender before timing, in ms (at least `minWarmRuns` runs). */
  warmupMs: number;
  /** The clock samples, warm-up and the cap are read from. */
  clock: Clock;
  /** Fewest warm-up runs (2 lets V8 and TF.js settle; 1 for a quick look). */
  minWarmRuns: number;
  /**
   * Time budget per contender per case, in ms (check, warm-up and samples). A contender
   * within twice our time always fits, however slow the case: the cap is there to stop
   * peers far slower than us, not to skip a case.
   */
  capMs: number;
  log?: (line: string) => void;
}

type Gc = (opts?: { type: 'minor' | 'major' }) => void;
const gc: Gc | undefined = (globalThis as { gc?: Gc }).gc;

export function stats(samples: number[]): Stats {
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

/** Runs `body` with `c` active. */
async function within<T>(c: Contender, body: () => T | Promise<T>): Promise<T> {
  await c.enter();
  try {
    return await body();
  } finally {
    c.leave?.();
  }
}

/**
 * What a sample measures. `cpu`: the process's CPU time (user + system, `process.cpuUsage`),
 * which leaves out the time other processes hold the cores — on a machine shared with
 * other work, wall time measures them as much as the code. It counts V8's helper threads
 * (parallel GC) too, which wall time on an idle machine would partly hide. Every
 * contender here computes on one thread. `wall`: `performance.now()`.
 */
export type Clock = 'cpu' | 'wall';

const now: Record<Clock, () => number> = {
  cpu: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
  wall: () => performance.now(),
};

/** Runs `it` `n` times and returns the milliseconds per run by `clock` (promises awaited one by one). */
async function timeRuns(it: Instance, n: number, clock: Clock): Promise<number> {
  const read = now[clock];
  const t0 = read();
  for (let i = 0; i < n; i++) {
    const p = it.run();
    if (p !== undefined) await p;
  }
  return (read() - t0) / n;
}

/**
 * Whose time a contender's ratio divides by: ours in its dtype. A float32 peer falls
 * back to our float64 only when core has no float32 at all (no float32 contender in
 * the case); a float32 limit never does (a fraction of the wrong dtype's limit means nothing).
 */
function versusOf(c: Contender, inCase: ReadonlySet<ContenderId>): ContenderId | null {
  if (c.id === 'smolml') return null;
  if (c.role === 'ours') return 'smolml';
  if (c.precision === 'float64') return 'smolml';
  if (inCase.has('smolml-f32')) return 'smolml-f32';
  return c.role === 'limit' ? null : 'smolml';
}

/** Runs cases one after another, remembering each contender's times so later cases can be estimated from them. */
export class Bench {
  /** case id → contender id → ms per run (measured median, or the estimate of a skipped contender). */
  private readonly history = new Map<string, Map<ContenderId, number>>();

  constructor(private readonly contenders: readonly Contender[], private readonly o: HarnessOptions) {}

  /** Checks and times `cs`; `override` changes options for this case only (e.g. fewer rounds for a sweep point). */
  async run(cs: Case, override: Partial<HarnessOptions> = {}): Promise<CaseResult> {
    const o = { ...this.o, ...override };
    const clock = now[o.clock];
    const active = this.contenders.filter((c) => cs.make[c.id] !== undefined);
    if (!active.some((c) => c.id === 'smolml')) throw new Error(`case ${cs.id} has no SmolML implementation`);
    const skip = new Map<ContenderId, Skip>();
    const checks = new Map<ContenderId, Check>();
    const checkMs = new Map<ContenderId, number>();
    const spent = new Map<ContenderId, number>();
    const prior = cs.estimateFrom ? this.history.get(cs.estimateFrom.caseId) : undefined;

    // 1. Check: one run from a fresh instance each, compared with our float64 result.
    const results = new Map<ContenderId, ArrayLike<number>>();
    const oursBefore = prior?.get('smolml');
    const cap0 = cs.estimateFrom && oursBefore !== undefined ? Math.max(o.capMs, 2 * (o.rounds + 3) * oursBefore * cs.estimateFrom.factor) : o.capMs;
    for (const c of active) {
      const before = prior?.get(c.id);
      if (c.id !== 'smolml' && before !== undefined && cs.estimateFrom && 2 * before * cs.estimateFrom.factor > cap0) {
        const est = before * cs.estimateFrom.factor;
        skip.set(c.id, { reason: 'cap', estimateMs: est, detail: `estimated from ${cs.estimateFrom.caseId} × ${cs.estimateFrom.factor}` });
        continue;
      }
      try {
        const t0 = clock();
        const r = await within(c, async () => {
          const inst = (cs.make[c.id] as () => Instance)();
          try {
            const p = inst.run();
            if (p !== undefined) await p;
            return Array.from(await inst.result());
          } finally {
            inst.dispose?.();
          }
        });
        checkMs.set(c.id, clock() - t0);
        spent.set(c.id, clock() - t0);
        results.set(c.id, r);
      } catch (e) {
        if (c.id === 'smolml') throw e;
        const msg = e instanceof Error ? e.message : String(e);
        skip.set(c.id, { reason: 'failed', estimateMs: null, detail: msg.split('\n')[0] });
        o.log?.(`  ! ${c.name} failed on ${cs.id}: ${msg.split('\n')[0]}`);
      }
    }
    const ref = results.get('smolml') as ArrayLike<number>;
    const cap = Math.max(o.capMs, 2 * (o.rounds + 3) * (checkMs.get('smolml') as number));
    for (const c of active) {
      const r = results.get(c.id);
      if (r === undefined || c.role === 'limit' || c.id === 'smolml') continue;
      const { maxAbs, relative } = compareResults(r, ref);
      // Float64 contenders compute what we compute, in another order: they must agree to
      // float64 rounding. Float32 ones get the case's float32 tolerance.
      const tolerance = (c.checkAs ?? c.precision) === 'float64' ? 1e-9 : cs.tolerance;
      const ok = relative <= tolerance;
      checks.set(c.id, { maxAbs, relative, tolerance, ok });
      if (!ok) {
        skip.set(c.id, { reason: 'wrong', estimateMs: null, detail: `error ${relative.toExponential(2)} > ${tolerance}` });
        o.log?.(`  ! ${c.name} gave a wrong result on ${cs.id}: error ${relative.toExponential(2)} > ${tolerance}; not timed`);
      }
    }

    // 2. Warm up (lets V8 optimise, TF.js fill its caches, jax-js compile) within the
    // budget, and pick runs per sample and how many rounds fit the budget.
    // The heap is not collected before every sample with a full GC: after each forced
    // full GC, TF.js cpu ran 30-50× slower for the next 40 ms (V8 seems to drop its
    // optimised code). A minor GC clears the young garbage one contender leaves behind
    // (js-pytorch and micrograd leave a lot), so the next does not pay for it.
    const inst = new Map<ContenderId, Instance>();
    const reps = new Map<ContenderId, number>();
    const allowed = new Map<ContenderId, number>();
    for (const c of active) {
      if (skip.has(c.id)) continue;
      // The check run is a pessimistic (cold: first compilation, a heap still growing)
      // estimate; if even a second run at that speed does not fit the budget, do not
      // spend a warm-up run finding out.
      const cold = checkMs.get(c.id) as number;
      if (c.id !== 'smolml' && 2 * cold > cap) {
        skip.set(c.id, { reason: 'cap', estimateMs: cold, detail: 'one cold run' });
        continue;
      }
      await within(c, async () => {
        const it = (cs.make[c.id] as () => Instance)();
        inst.set(c.id, it);
        const budget = cap - (spent.get(c.id) ?? 0);
        const t0 = clock();
        let n = 0, best = Infinity;
        while (n < o.minWarmRuns || clock() - t0 < o.warmupMs) {
          const t = await timeRuns(it, 1, o.clock);
          best = Math.min(best, t);
          n++;
          if (clock() - t0 + best > budget) break;
        }
        const used = clock() - t0;
        spent.set(c.id, (spent.get(c.id) ?? 0) + used);
        const r = Math.max(1, Math.ceil(o.sampleMs / best));
        reps.set(c.id, r);
        const fit = Math.floor((cap - (spent.get(c.id) ?? 0)) / (best * r));
        allowed.set(c.id, c.id === 'smolml' ? o.rounds : Math.min(o.rounds, fit));
        if (c.id !== 'smolml' && fit < 1) {
          skip.set(c.id, { reason: 'cap', estimateMs: best, detail: `fastest of ${n} warm-up run${n > 1 ? 's' : ''}` });
        }
      });
    }
    for (const [id, s] of skip) if (s.reason === 'cap') { inst.get(id)?.dispose?.(); inst.delete(id); }
    const timed = active.filter((c) => inst.has(c.id));

    // 3. Interleaved rounds.
    const samples = new Map<ContenderId, (number | undefined)[]>(timed.map((c) => [c.id, []]));
    for (let r = 0; r < o.rounds; r++) {
      for (const c of timed) {
        if (r >= (allowed.get(c.id) as number)) continue;
        const it = inst.get(c.id) as Instance, n = reps.get(c.id) as number;
        await c.enter();
        gc?.({ type: 'minor' });
        const t = await timeRuns(it, n, o.clock);
        c.leave?.();
        (samples.get(c.id) as (number | undefined)[])[r] = t;
      }
    }
    // 4. The timed runs must still compute numbers: a state that goes bad after the check
    // run (a buffer freed by tidy, say) would otherwise be timed silently. Runs repeat
    // steps, so only finiteness can be checked here, and only where the check was finite.
    const refFinite = Array.from(ref).every(Number.isFinite);
    for (const c of timed) {
      await within(c, async () => {
        const it = inst.get(c.id) as Instance;
        if (refFinite && c.role !== 'limit' && !Array.from(await it.result()).every(Number.isFinite)) {
          if (c.id === 'smolml') throw new Error(`${cs.id}: SmolML's result is not finite after the timed runs`);
          samples.delete(c.id);
          skip.set(c.id, { reason: 'wrong', estimateMs: null, detail: 'not finite after the timed runs' });
          o.log?.(`  ! ${c.name} gave a non-finite result on ${cs.id} after the timed runs; not reported`);
        }
        it.dispose?.();
      });
    }

    const inCase = new Set(active.map((c) => c.id));
    const ours = (id: ContenderId | null): (number | undefined)[] | undefined => (id === null ? undefined : samples.get(id));
    // A contender's median, or the estimate it was skipped with.
    const msOf = (id: ContenderId): number | null => {
      const s = samples.get(id)?.filter((x): x is number => x !== undefined);
      if (s && s.length > 0) return stats(s).median;
      return skip.get(id)?.estimateMs ?? null;
    };
    const hist = new Map<ContenderId, number>();
    this.history.set(cs.id, hist);
    const out: CaseResult = {
      id: cs.id, title: cs.title, short: cs.short, family: cs.family, size: cs.size,
      flops: cs.flops, tolerance: cs.tolerance, limit: cs.limit,
      contenders: active.map((c) => {
        const s = samples.get(c.id);
        const taken = s?.filter((x): x is number => x !== undefined) ?? [];
        const ms = taken.length > 0 ? stats(taken) : null;
        const versus = versusOf(c, inCase);
        const vs = ours(versus);
        let ratio: number | null = null;
        if (ms && vs) {
          const pairs = (s as (number | undefined)[]).flatMap((t, r) => (t !== undefined && vs[r] !== undefined ? [t / (vs[r] as number)] : []));
          ratio = pairs.length > 0 ? stats(pairs).median : null;
        }
        const sk = skip.get(c.id) ?? null;
        // Without a paired ratio (this contender or ours skipped), the ratio of the
        // estimates (or of an estimate and a median) is the best figure there is.
        const mine = msOf(c.id), base = versus !== null ? msOf(versus) : null;
        const estimatedRatio = ratio === null && mine !== null && base !== null && sk?.reason !== 'wrong' ? mine / base : null;
        if (ms) hist.set(c.id, ms.median);
        else if (sk?.estimateMs != null) hist.set(c.id, sk.estimateMs);
        return {
          id: c.id, name: c.name, precision: c.precision, role: c.role, ms, versus, ratio, estimatedRatio,
          check: checks.get(c.id) ?? null, skip: sk, checkMs: checkMs.get(c.id) ?? null,
          runsPerSample: reps.get(c.id) ?? 0,
        };
      }),
    };
    const ourMs = msOf('smolml');
    if (cs.quoted && ourMs !== null) out.quoted = { ...cs.quoted, ratio: cs.quoted.ms / ourMs };
    return out;
  }
}
