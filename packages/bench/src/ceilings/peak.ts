// The machine's SIMD arithmetic ceiling, measured: WebAssembly loops that do nothing
// but f32x4 (or f64x2) multiplies and adds on registers. Each of `chains` independent
// accumulators steps acc ← acc·m + c (m = 0.5, c = 1: it settles at 2, never overflows
// or goes subnormal), so every multiply and add depends on the one before it in its
// chain and none can be hoisted out of the loop; enough chains hide the latency and
// fill the multiply and add units. Without FMA in WebAssembly SIMD, mul + add is what
// a matmul kernel does too.
import { T, op, wasmModule, type Code, type FuncDef } from './wasm';

export type Lanes = 'f32x4' | 'f64x2';

/** Chain steps per loop iteration, per chain (amortises the loop's own counter and branch). */
const UNROLL = 4;
/** Chain counts tried; the fastest on this machine is kept. */
const CHAIN_COUNTS = [8, 10, 12, 14] as const;

function peakFunc(lanes: Lanes, chains: number): FuncDef {
  const f32 = lanes === 'f32x4';
  // Locals: 0 = iterations (param), 1 = m, 2 = c, 3.. = accumulators.
  const M = 1, C = 2, acc = (k: number): number => 3 + k;
  const splat = (v: number): Code => (f32 ? op.f32x4Splat(op.f32Const(v)) : op.f64x2Splat(op.f64Const(v)));
  const mul = f32 ? op.f32x4Mul : op.f64x2Mul, add = f32 ? op.f32x4Add : op.f64x2Add;
  const init: Code[] = [op.set(M, splat(0.5)), op.set(C, splat(1))];
  for (let k = 0; k < chains; k++) init.push(op.set(acc(k), splat(1 + k / 64)));
  const step: Code[] = [];
  for (let u = 0; u < UNROLL; u++) {
    for (let k = 0; k < chains; k++) step.push(op.set(acc(k), add(mul(op.get(acc(k)), op.get(M)), op.get(C))));
  }
  // Sum every lane of every accumulator, so no chain is dead code.
  let sum: Code = op.f64Const(0);
  for (let k = 0; k < chains; k++) {
    for (let lane = 0; lane < (f32 ? 4 : 2); lane++) {
      const x = f32 ? op.f64PromoteF32(op.f32x4Lane(op.get(acc(k)), lane)) : op.f64x2Lane(op.get(acc(k)), lane);
      sum = op.f64Add(sum, x);
    }
  }
  return {
    name: `${lanes}_${chains}`,
    params: [T.I32],
    result: T.F64,
    locals: [T.V128, T.V128, ...new Array<number>(chains).fill(T.V128) as (typeof T.V128)[]],
    body: [...init, op.doWhileDec(0, ...step), sum],
  };
}

/** Floating-point operations of one loop iteration: chains × unroll × (mul + add) × lanes. */
const flopsPerIter = (lanes: Lanes, chains: number): number => chains * UNROLL * 2 * (lanes === 'f32x4' ? 4 : 2);

export interface PeakLoop {
  lanes: Lanes;
  chains: number;
  /** Runs the loop for about `flops` floating-point operations; returns the checksum. */
  run(flops: number): number;
  /** GFLOP/s measured while choosing the chain count. */
  calibratedGflops: number;
}

let cache: Record<Lanes, PeakLoop> | null = null;

/** The process's CPU time in ms: other processes on a shared machine do not count against the loop. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Compiles the loops for every chain count, warms each up until V8's optimising tier
 * has them (WebAssembly starts in a baseline compiler that keeps locals in memory),
 * and keeps the fastest chain count per lane type.
 */
export function peakLoops(): Record<Lanes, PeakLoop> {
  if (cache !== null) return cache;
  if (!WebAssembly.validate(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))) throw new Error('no WebAssembly');
  const defs = (['f32x4', 'f64x2'] as const).flatMap((l) => CHAIN_COUNTS.map((c) => peakFunc(l, c)));
  const exports = new WebAssembly.Instance(new WebAssembly.Module(wasmModule(defs))).exports as Record<string, (n: number) => number>;
  const out = {} as Record<Lanes, PeakLoop>;
  for (const lanes of ['f32x4', 'f64x2'] as const) {
    let best: PeakLoop | null = null;
    for (const chains of CHAIN_COUNTS) {
      const fn = exports[`${lanes}_${chains}`];
      const per = flopsPerIter(lanes, chains);
      const run = (flops: number): number => fn(Math.max(1, Math.round(flops / per)));
      let gflops = 0;
      // Each call is 20 MFLOP (about half a millisecond); the later calls run tiered-up code.
      for (let i = 0; i < 40; i++) {
        const t0 = cpuMs();
        run(2e7);
        const t = cpuMs() - t0;
        if (i >= 10) gflops = Math.max(gflops, 2e7 / t / 1e6);
      }
      if (best === null || gflops > best.calibratedGflops) best = { lanes, chains, run, calibratedGflops: gflops };
    }
    out[lanes] = best as PeakLoop;
  }
  cache = out;
  return out;
}
