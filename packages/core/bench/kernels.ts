// What bench/gemm.mjs measures, bundled from the sources (these are internals, not part
// of the package's API): the gemm kernels and the two ceilings the issue quotes, a
// WebAssembly SIMD peak loop in f32x4 and f64x2.
import { Func, Type, ctl, f32x4, f64x2, i32, local, v128, wasmModule } from '../src/wasm/encode';

export { gemm, gemm32, gemmJs, gemmJs32, gemmVecJs, gemmVecJs32, setGemmKernel } from '../src/ops/gemm';
export { gemmWasm, gemmWasm32 } from '../src/wasm/gemm-wasm';

// Independent chains in the peak loop: each step of a chain waits for one multiply and
// one add (~6 cycles), and two of each issue per cycle, so at least 12 chains keep every
// pipe busy; 13, plus the two constants, is what fits in V8's 15 SIMD registers.
const CHAINS = 13;

/**
 * `peak_<dt>(iters, m, a)`: CHAINS independent chains acc = acc * m + a in registers,
 * unrolled 4 times: multiplies and adds with nothing else, as fast as the engine can
 * multiply and add 128-bit vectors.
 */
function peakFunction(dt: 'f32' | 'f64'): { func: Func; body: number[][] } {
  const ops = dt === 'f32' ? f32x4 : f64x2;
  const f = new Func(`peak_${dt}`, [Type.I32, dt === 'f32' ? Type.F32 : Type.F64, dt === 'f32' ? Type.F32 : Type.F64]);
  const [iters, mArg, aArg] = [0, 1, 2].map((i) => f.param(i));
  const m = f.local(Type.V128), a = f.local(Type.V128), i = f.local(Type.I32);
  const acc = Array.from({ length: CHAINS }, () => f.local(Type.V128));
  const step = acc.map((v) => local.set(v, ops.add(ops.mul(local.get(v), local.get(m)), local.get(a))));
  const body = [
    local.set(m, ops.splat(local.get(mArg))),
    local.set(a, ops.splat(local.get(aArg))),
    ...acc.map((v) => local.set(v, ops.splat(local.get(aArg)))),
    local.set(i, i32.const(0)),
    ctl.loop(...step, ...step, ...step, ...step,
      local.set(i, i32.add(local.get(i), i32.const(1))),
      ctl.brIf(0, i32.ltU(local.get(i), local.get(iters)))),
    // Keep the results alive: stored, they cannot be optimised away.
    ...acc.map((v, r) => v128.store(i32.const(16 * r), local.get(v))),
  ].map((c) => [...c]);
  return { func: f, body };
}

/** Milliseconds of CPU time this process has used (user + system). */
export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * GFLOP/s of the peak loop for `dt` (best of `reps` runs of `iters` iterations), timed by
 * `now` (milliseconds; CPU time by default).
 */
export function peakGflops(dt: 'f32' | 'f64', iters = 2_000_000, reps = 5, now: () => number = cpuMs): number {
  const bytes = wasmModule([peakFunction(dt)]);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const peak = inst.exports[`peak_${dt}`] as (n: number, m: number, a: number) => void;
  const lanes = dt === 'f32' ? 4 : 2;
  const flops = iters * 4 * CHAINS * 2 * lanes;
  peak(1000, 1, 0);
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = now();
    peak(iters, 1, 0);
    best = Math.min(best, now() - t0);
  }
  return flops / (best * 1e6);
}

export { buildGemmModule } from '../src/wasm/gemm-module';
