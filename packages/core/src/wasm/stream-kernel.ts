// Elementwise kernels as WebAssembly SIMD functions, written with the encoder in ./encode
// for both dtypes: the four arithmetic operators (array with array, and array with a
// number), maximum and minimum, relu, sqrt, the gradient accumulations of + − and relu, and the Adam update. Each walks `len` bytes, 16 at a time (the driver,
// ./stream-wasm, pads every operand to a multiple of 16 bytes; the padding lanes compute
// on whatever the scratch holds and are never copied out).
//
// Bit-identical to the JavaScript loops they replace, by construction:
// - + − × ÷ and √ are correctly rounded in IEEE-754 both here and in JavaScript. In
//   float32, JavaScript computes in double and rounds once when storing into a
//   Float32Array; for these five operations on float32 inputs that double rounding is
//   innocuous (53 ≥ 2·24 + 2 bits), so an f32x4 operation gives the same bits.
// - Adam's update computes in double in its JavaScript kernel whatever the dtype (and
//   rounds once per stored value), so the float32 kernel here widens two lanes at a time
//   to f64x2, runs the same operations in the same order, and narrows on store. There is
//   no fused multiply-add in WebAssembly SIMD, so no step is contracted.
// - relu is a lane mask, x where x > 0 or x is NaN, else +0: the edges of ../scalar's
//   reluOf (NaN stays NaN, -0 and -Infinity give +0).
import { type Code, type Local, Func, Type, ctl, f32x4, f64x2, i32, local, v128 } from './encode';

/** The element type a stream kernel is built for. */
interface StreamDType {
  readonly name: 'f64' | 'f32';
  readonly type: Type;
  readonly add: (a: Code, b: Code) => Code;
  readonly sub: (a: Code, b: Code) => Code;
  readonly mul: (a: Code, b: Code) => Code;
  readonly div: (a: Code, b: Code) => Code;
  readonly splat: (x: Code) => Code;
  readonly gt: (a: Code, b: Code) => Code;
  readonly ne: (a: Code, b: Code) => Code;
  readonly sqrt: (a: Code) => Code;
  readonly le: (a: Code, b: Code) => Code;
  readonly ge: (a: Code, b: Code) => Code;
}

const F64: StreamDType = { name: 'f64', type: Type.F64, ...f64x2 };
const F32: StreamDType = { name: 'f32', type: Type.F32, ...f32x4 };

/** The arithmetic operators with a stream kernel (array with array, and array with a number). */
export type StreamOp = 'add' | 'sub' | 'mul' | 'div';
/** Every array-with-array stream kernel. */
export type StreamBinaryOp = StreamOp | 'maximum' | 'minimum';
const OPS: readonly StreamOp[] = ['add', 'sub', 'mul', 'div'];

/** Adam's three loops: no weight decay, L2 (g + λθ), decoupled (AdamW's θ·(1 − αλ)). */
export type AdamMode = 'plain' | 'l2' | 'decoupled';
const MODES: readonly AdamMode[] = ['plain', 'l2', 'decoupled'];

interface Built { func: Func; body: Code[] }

const get = local.get, set = local.set;

// do { body; i += step } while (i < len), entered only when len > 0.
function byteLoop(i: Local, len: Local, step: number, body: Code[]): Code[] {
  return [
    set(i, i32.const(0)),
    ctl.if(i32.ltU(get(i), get(len)), [
      ctl.loop(...body, set(i, i32.add(get(i), i32.const(step))), ctl.brIf(0, i32.ltU(get(i), get(len)))),
    ]),
  ];
}

const at = (base: Local, i: Local): Code => i32.add(get(base), get(i));

/** `<op>_<dt>(x, y, out, len)`: out = x op y over `len` bytes. */
function binaryFunction(dt: StreamDType, op: StreamOp): Built {
  const f = new Func(`${op}_${dt.name}`, [Type.I32, Type.I32, Type.I32, Type.I32]);
  const [x, y, out, len] = [0, 1, 2, 3].map((k) => f.param(k));
  const i = f.local(Type.I32);
  // Two vectors per iteration: the loop's own instructions are then half the work.
  const one = (off: number): Code => v128.store(at(out, i), dt[op](v128.load(at(x, i), off), v128.load(at(y, i), off)), off);
  return { func: f, body: byteLoop(i, len, 32, [one(0), one(16)]) };
}

/**
 * `maximum_<dt>(x, y, out, len)` / `minimum_<dt>`: the choice of ../ops/minmax's loop, x
 * where x − y ≥ 0 (≤ 0 for minimum) else y (so a tie of -0 and +0 keeps x), and NaN where
 * either is NaN. The sign of x − y is the same in float32 as in double (a difference of
 * two floats is zero only when they are equal, and rounding never flips a sign).
 */
function extremumFunction(dt: StreamDType, op: 'maximum' | 'minimum'): Built {
  const f = new Func(`${op}_${dt.name}`, [Type.I32, Type.I32, Type.I32, Type.I32]);
  const [x, y, out, len] = [0, 1, 2, 3].map((k) => f.param(k));
  const i = f.local(Type.I32), xv = f.local(Type.V128), yv = f.local(Type.V128), zero = f.local(Type.V128);
  const cmp = op === 'maximum' ? dt.ge : dt.le;
  const one = (off: number): Code[] => [
    set(xv, v128.load(at(x, i), off)),
    set(yv, v128.load(at(y, i), off)),
    v128.store(at(out, i), v128.or(
      v128.bitselect(get(xv), get(yv), cmp(dt.sub(get(xv), get(yv)), get(zero))),
      v128.or(dt.ne(get(xv), get(xv)), dt.ne(get(yv), get(yv))), // all ones: a NaN
    ), off),
  ];
  return { func: f, body: [set(zero, v128.zero()), ...byteLoop(i, len, 32, [...one(0), ...one(16)])] };
}

/** `<op>s_<dt>(x, s, out, len)`: out = x op s for a number s (already of the dtype). */
function scalarFunction(dt: StreamDType, op: StreamOp): Built {
  const f = new Func(`${op}s_${dt.name}`, [Type.I32, dt.type, Type.I32, Type.I32]);
  const [x, s, out, len] = [0, 1, 2, 3].map((k) => f.param(k));
  const i = f.local(Type.I32), sv = f.local(Type.V128);
  const one = (off: number): Code => v128.store(at(out, i), dt[op](v128.load(at(x, i), off), get(sv)), off);
  return { func: f, body: [set(sv, dt.splat(get(s))), ...byteLoop(i, len, 32, [one(0), one(16)])] };
}

/** `relu_<dt>(x, out, len)`: out = x where x > 0 or x is NaN, else +0. */
function reluFunction(dt: StreamDType): Built {
  const f = new Func(`relu_${dt.name}`, [Type.I32, Type.I32, Type.I32]);
  const [x, out, len] = [0, 1, 2].map((k) => f.param(k));
  const i = f.local(Type.I32), a = f.local(Type.V128), b = f.local(Type.V128), zero = f.local(Type.V128);
  const masked = (v: Local): Code => v128.and(get(v), v128.or(dt.gt(get(v), get(zero)), dt.ne(get(v), get(v))));
  return {
    func: f,
    body: [
      set(zero, v128.zero()),
      ...byteLoop(i, len, 32, [
        set(a, v128.load(at(x, i))),
        set(b, v128.load(at(x, i), 16)),
        v128.store(at(out, i), masked(a)),
        v128.store(at(out, i), masked(b), 16),
      ]),
    ],
  };
}

/**
 * `adam<mode>_<dt>(p, g, m, v, len, b1, c1, b2, c2, stepSize, bc2Sqrt, eps, wd, shrink)`:
 * one Adam step in place over `len` bytes of p, g, m, v, in double, in the order of the
 * JavaScript kernel (optimizers' kernels/adam.f64.ts):
 *
 *     g' = g (+ wd·p for l2);  m' = b1·m + c1·g';  v' = b2·v + (c2·g')·g'
 *     p' = p − (stepSize·m') / (√v' / bc2Sqrt + eps)     (p·shrink − … when decoupled)
 */
function adamFunction(dt: StreamDType, mode: AdamMode): Built {
  const I = Type.I32, D = Type.F64;
  const f = new Func(`adam${mode === 'plain' ? '' : mode}_${dt.name}`, [I, I, I, I, I, D, D, D, D, D, D, D, D, D]);
  const [p, g, m, v, len, b1, c1, b2, c2, ss, bc2s, eps, wd, shrink] = Array.from({ length: 14 }, (_, k) => f.param(k));
  const i = f.local(I);
  const splats = [b1, c1, b2, c2, ss, bc2s, eps, wd, shrink].map((s) => ({ s, v: f.local(Type.V128) }));
  const [B1, C1, B2, C2, SS, BC2S, EPS, WD, SHRINK] = splats.map(({ v: l }) => l);
  const gi = f.local(Type.V128), mi = f.local(Type.V128), vi = f.local(Type.V128), pi = f.local(Type.V128);

  // One f64x2 step: `load`/`store` move two elements of the array's dtype at one offset.
  const step = (load: (base: Local) => Code, store: (base: Local, val: Code) => Code): Code[] => [
    set(pi, load(p)),
    set(gi, mode === 'l2' ? f64x2.add(load(g), f64x2.mul(get(WD), get(pi))) : load(g)),
    set(mi, f64x2.add(f64x2.mul(get(B1), load(m)), f64x2.mul(get(C1), get(gi)))),
    set(vi, f64x2.add(f64x2.mul(get(B2), load(v)), f64x2.mul(f64x2.mul(get(C2), get(gi)), get(gi)))),
    store(m, get(mi)),
    store(v, get(vi)),
    store(p, f64x2.sub(
      mode === 'decoupled' ? f64x2.mul(get(pi), get(SHRINK)) : get(pi),
      f64x2.div(f64x2.mul(get(SS), get(mi)), f64x2.add(f64x2.div(f64x2.sqrt(get(vi)), get(BC2S)), get(EPS))),
    )),
  ];

  const body: Code[] = dt.name === 'f64'
    ? [0, 16].flatMap((off) => step((b) => v128.load(at(b, i), off), (b, val) => v128.store(at(b, i), val, off)))
    : [0, 8].flatMap((off) => step(
      (b) => f64x2.promoteLowF32x4(v128.load64Zero(at(b, i), off)),
      (b, val) => v128.store64Lane(at(b, i), f32x4.demoteF64x2(val), 0, off),
    ));
  return {
    func: f,
    body: [...splats.map(({ s, v: l }) => set(l, f64x2.splat(get(s)))), ...byteLoop(i, len, dt.name === 'f64' ? 32 : 16, body)],
  };
}

/** `sqrt_<dt>(x, out, len)`: out = √x, correctly rounded (NaN for x < 0, -0 for -0). */
function sqrtFunction(dt: StreamDType): Built {
  const f = new Func(`sqrt_${dt.name}`, [Type.I32, Type.I32, Type.I32]);
  const [x, out, len] = [0, 1, 2].map((k) => f.param(k));
  const i = f.local(Type.I32);
  const one = (off: number): Code => v128.store(at(out, i), dt.sqrt(v128.load(at(x, i), off)), off);
  return { func: f, body: byteLoop(i, len, 32, [one(0), one(16)]) };
}

/** `acc_<dt>(t, g, len)` / `accsub_<dt>`: t += g / t −= g, a gradient accumulated in place. */
function accumulateFunction(dt: StreamDType, op: 'add' | 'sub'): Built {
  const f = new Func(`acc${op === 'add' ? '' : 'sub'}_${dt.name}`, [Type.I32, Type.I32, Type.I32]);
  const [t, g, len] = [0, 1, 2].map((k) => f.param(k));
  const i = f.local(Type.I32);
  const one = (off: number): Code => v128.store(at(t, i), dt[op](v128.load(at(t, i), off), v128.load(at(g, i), off)), off);
  return { func: f, body: byteLoop(i, len, 32, [one(0), one(16)]) };
}

/**
 * `relugrad_<dt>(t, g, x, len)`: t += g where relu passes the gradient at x (x > 0 or x
 * NaN, as ../scalar's reluPasses), t unchanged elsewhere (a lane select, not an add of 0,
 * so a -0 in t stays -0 as the loop leaves it).
 */
function reluGradFunction(dt: StreamDType): Built {
  const f = new Func(`relugrad_${dt.name}`, [Type.I32, Type.I32, Type.I32, Type.I32]);
  const [t, g, x, len] = [0, 1, 2, 3].map((k) => f.param(k));
  const i = f.local(Type.I32), xv = f.local(Type.V128), tv = f.local(Type.V128), zero = f.local(Type.V128);
  const one = (off: number): Code[] => [
    set(xv, v128.load(at(x, i), off)),
    set(tv, v128.load(at(t, i), off)),
    v128.store(at(t, i), v128.bitselect(
      dt.add(get(tv), v128.load(at(g, i), off)),
      get(tv),
      v128.or(dt.gt(get(xv), get(zero)), dt.ne(get(xv), get(xv))),
    ), off),
  ];
  return { func: f, body: [set(zero, v128.zero()), ...byteLoop(i, len, 32, [...one(0), ...one(16)])] };
}

/**
 * Every stream function, in modules of under 4 KB each (browsers compile a module
 * synchronously on the main thread only up to 4 KB): the elementwise kernels of each
 * dtype, then Adam's for both.
 */
export function streamModuleFunctions(): Built[][] {
  return [
    ...[F64, F32].map((dt) => [
      ...OPS.map((op) => binaryFunction(dt, op)),
      extremumFunction(dt, 'maximum'),
      extremumFunction(dt, 'minimum'),
      ...OPS.map((op) => scalarFunction(dt, op)),
      reluFunction(dt),
      sqrtFunction(dt),
      accumulateFunction(dt, 'add'),
      accumulateFunction(dt, 'sub'),
      reluGradFunction(dt),
    ]),
    [F64, F32].flatMap((dt) => MODES.map((mode) => adamFunction(dt, mode))),
  ];
}
