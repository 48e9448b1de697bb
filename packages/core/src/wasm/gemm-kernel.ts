// The matrix-multiply kernel as WebAssembly SIMD functions, written with the encoder in
// ./encode, once for both dtypes: float64 in f64x2 registers (2 lanes) and float32 in
// f32x4 registers (4 lanes). The tile is MR = 4 rows of A by two vectors of B (NR = 4
// columns for float64, 8 for float32; one panel row of B is 32 bytes either way):
//
//   for each panel of NR columns of B (packed [kc][NR], zero-padded, by `pack_<dt>`):
//     for each strip of MR rows of A (packed [kc][MR] by `packa_<dt>`):
//       2·MR accumulators start at 0
//       for p in 0..kc: b = B[p][0..NR]; for r in 0..MR: acc[r] += splat(A[r][p]) * b
//       C[r][0..NR] += acc[r]      (or C[r] = acc[r] when not accumulating)
//
// Every element of C is therefore one sum over p in order, starting at 0, then added
// to C: the order of the JavaScript kernels in ../ops/gemm.ts, which emulate the
// float32 roundings with Math.fround. There is no fused multiply-add, so the results
// are bit-identical. The driver pads A's rows to a multiple of MR (zero rows whose
// results land in scratch rows of C), so there is no remainder kernel; a last, partial
// panel is spilled to a 32-byte scratch slot and added to C lane by lane.
//
// Measured on x86-64 (V8 allocates 15 of the 16 xmm registers; two 128-bit multiplies and
// two adds issue per cycle): 4 rows × 2 vectors (8 accumulators, two B vectors and four
// A splats live at once) was the fastest tile. Packing A, so that one pointer with
// constant offsets replaces four row pointers (three fewer integer adds per step, and the
// loop is limited by how many instructions issue), made the f32x4 kernel ~7% faster on
// data in cache, ~90% of a peak loop. 5 or 6 rows were 30-50% slower, and so was
// unrolling the p loop 2 or 4 times: V8 schedules every load of the unrolled steps ahead
// of their arithmetic, runs out of registers and spills accumulators to the stack.
// (`node bench/gemm.mjs --tiles` measures the alternatives.)
import { type Code, type Local, Func, Type, ctl, f32, f32x4, f64, f64x2, i32, laneShuffle, local, v128 } from './encode';

/** The element type a kernel is built for, and the instructions that differ between them. */
export interface KernelDType {
  readonly name: 'f64' | 'f32';
  readonly type: Type;
  /** Bytes per element. */
  readonly bytes: 8 | 4;
  readonly log2Bytes: 3 | 2;
  readonly loadSplat: (addr: Code, offset?: number) => Code;
  readonly vadd: (a: Code, b: Code) => Code;
  readonly vmul: (a: Code, b: Code) => Code;
  readonly load: (addr: Code, offset?: number) => Code;
  readonly store: (addr: Code, value: Code, offset?: number) => Code;
  readonly add: (a: Code, b: Code) => Code;
}

export const F64_KERNEL: KernelDType = {
  name: 'f64', type: Type.F64, bytes: 8, log2Bytes: 3,
  loadSplat: f64x2.loadSplat, vadd: f64x2.add, vmul: f64x2.mul,
  load: f64.load, store: f64.store, add: f64.add,
};

export const F32_KERNEL: KernelDType = {
  name: 'f32', type: Type.F32, bytes: 4, log2Bytes: 2,
  loadSplat: f32x4.loadSplat, vadd: f32x4.add, vmul: f32x4.mul,
  load: f32.load, store: f32.store, add: f32.add,
};

/** Rows of A per strip. */
export const MR = 4;
/** Steps of the p loop per iteration of its unrolled body. */
export const UNROLL = 1;
/** Bytes in one row of a packed panel of B: two vectors. */
export const PANEL_ROW_BYTES = 32;
/** Columns in one packed panel of B for elements of `bytes` bytes. */
export const panelWidth = (bytes: number): number => PANEL_ROW_BYTES / bytes;

interface Built { func: Func; body: Code[] }

/**
 * `gemm_<dt>(a, b, c, h, kc, w, acc, tmp)`: C[h×w] += A[h×kc]·B[kc×w] (or C = A·B when
 * `acc` is 0) on byte addresses in linear memory. A is packed by `packa_<dt>` with h
 * rounded up to a multiple of MR rows (the extra rows are computed, and their results
 * written to the extra rows of C, which must exist); B is packed by `pack_<dt>`; C is
 * row-major with rows of w elements; `tmp` is 32 bytes of scratch. Requires h, kc, w >= 1.
 */
export function gemmFunction(dt: KernelDType, mr = MR, unroll = UNROLL): Built {
  const f = new Func(`gemm_${dt.name}`, [Type.I32, Type.I32, Type.I32, Type.I32, Type.I32, Type.I32, Type.I32, Type.I32]);
  const [a, b, c, h, kc, w, accumulate, tmp] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => f.param(i));
  const I = (): Local => f.local(Type.I32);
  const V = (): Local => f.local(Type.V128);
  const nr = panelWidth(dt.bytes);
  const panelBytes = I(), rowA = I(), rowC = I(), j = I(), wj = I(), i = I(), bp = I(), pb = I(), endU = I(), end = I(), row = I(), t = I();
  const pa = I();
  const acc = Array.from({ length: 2 * mr }, V);
  const b0 = V(), b1 = V(), x = V();
  const get = local.get, set = local.set;
  const add = (l: Local, v: Code): Code => set(l, i32.add(get(l), v));
  const shl = (v: Code): Code => i32.shl(v, i32.const(dt.log2Bytes));

  // One step of the p loop at `u` steps past the pointers: two B vectors, then per row
  // one splat of A and two multiply-adds.
  const step = (u: number): Code[] => [
    set(b0, v128.load(get(pb), u * PANEL_ROW_BYTES)),
    set(b1, v128.load(get(pb), u * PANEL_ROW_BYTES + 16)),
    ...Array.from({ length: mr }, (_, r) => [
      set(x, dt.loadSplat(get(pa), (u * mr + r) * dt.bytes)),
      set(acc[2 * r], dt.vadd(get(acc[2 * r]), dt.vmul(get(x), get(b0)))),
      set(acc[2 * r + 1], dt.vadd(get(acc[2 * r + 1]), dt.vmul(get(x), get(b1)))),
    ]).flat(),
  ];
  const advance = (steps: number): Code[] => [
    add(pa, i32.const(steps * mr * dt.bytes)),
    add(pb, i32.const(steps * PANEL_ROW_BYTES)),
  ];
  // do { body } while (pb < limit), entered only when pb < limit.
  const loopTo = (limit: Local, body: Code[]): Code => ctl.if(i32.ltU(get(pb), get(limit)), [
    ctl.loop(...body, ctl.brIf(0, i32.ltU(get(pb), get(limit)))),
  ]);

  // Row r of the strip: C[row][0..nr] (+)= (acc[2r], acc[2r+1]), `row` at its first element.
  const storeFull = (r: number, accumulating: boolean): Code[] => [0, 1].map((v) => v128.store(
    get(row),
    accumulating ? dt.vadd(v128.load(get(row), 16 * v), get(acc[2 * r + v])) : get(acc[2 * r + v]),
    16 * v,
  ));
  // A partial panel: spill the row to tmp, then add its first wj lanes one by one.
  const storePartial = (r: number): Code[] => [
    v128.store(get(tmp), get(acc[2 * r])),
    v128.store(get(tmp), get(acc[2 * r + 1]), 16),
    set(t, i32.const(0)),
    ctl.loop(
      dt.store(
        i32.add(get(row), get(t)),
        ctl.ifValue(dt.type, get(accumulate),
          dt.add(dt.load(i32.add(get(row), get(t))), dt.load(i32.add(get(tmp), get(t)))),
          dt.load(i32.add(get(tmp), get(t)))),
      ),
      add(t, i32.const(dt.bytes)),
      ctl.brIf(0, i32.ltU(get(t), shl(get(wj)))),
    ),
  ];
  const rows = (store: (r: number) => Code[]): Code[] =>
    Array.from({ length: mr }, (_, r) => [...(r > 0 ? [add(row, get(rowC))] : []), ...store(r)]).flat();

  const strip: Code[] = [
    ...acc.map((v) => set(v, v128.zero())),
    set(pa, i32.add(get(a), i32.mul(get(i), get(rowA)))),
    set(pb, get(bp)),
    set(end, i32.add(get(bp), get(panelBytes))),
    set(endU, i32.sub(get(end), i32.and(get(panelBytes), i32.const(unroll * PANEL_ROW_BYTES - 1)))),
    loopTo(endU, [...Array.from({ length: unroll }, (_, u) => step(u)).flat(), ...advance(unroll)]),
    ...(unroll > 1 ? [loopTo(end, [...step(0), ...advance(1)])] : []),
    set(row, i32.add(get(c), shl(i32.add(i32.mul(get(i), get(w)), get(j))))),
    ctl.if(
      i32.geU(get(wj), i32.const(nr)),
      [ctl.if(get(accumulate), rows((r) => storeFull(r, true)), rows((r) => storeFull(r, false)))],
      rows(storePartial),
    ),
  ];

  const body: Code[] = [
    set(panelBytes, i32.shl(get(kc), i32.const(5))),
    set(rowA, shl(get(kc))), // i · rowA is the packed strip of rows i..i+mr-1
    set(rowC, shl(get(w))),
    set(bp, get(b)),
    set(j, i32.const(0)),
    ctl.loop(
      set(wj, i32.sub(get(w), get(j))),
      set(i, i32.const(0)),
      ctl.loop(...strip, add(i, i32.const(mr)), ctl.brIf(0, i32.ltU(get(i), get(h)))),
      add(bp, get(panelBytes)),
      add(j, i32.const(nr)),
      ctl.brIf(0, i32.ltU(get(j), get(w))),
    ),
  ];
  return { func: f, body };
}

/**
 * `pack_<dt>(src, dst, k, m)`: copies row-major B[k×m] at `src` into panels of NR
 * columns at `dst` ([k][NR] each, the last one zero-padded), the layout `gemm_<dt>`
 * reads. It walks B row by row, so the reads are sequential and each panel is written as
 * a sequential stream. Requires k, m >= 1.
 */
export function packFunction(dt: KernelDType): Built {
  const f = new Func(`pack_${dt.name}`, [Type.I32, Type.I32, Type.I32, Type.I32]);
  const [src, dst, k, m] = [0, 1, 2, 3].map((i) => f.param(i));
  const I = (): Local => f.local(Type.I32);
  const nr = panelWidth(dt.bytes);
  const panelBytes = I(), fullBytes = I(), rowBytes = I(), rowEnd = I(), s = I(), d = I(), p = I(), t = I();
  const get = local.get, set = local.set;
  const add = (l: Local, v: Code): Code => set(l, i32.add(get(l), v));
  const body: Code[] = [
    set(panelBytes, i32.shl(get(k), i32.const(5))),
    set(rowBytes, i32.shl(get(m), i32.const(dt.log2Bytes))),
    set(fullBytes, i32.shl(i32.and(get(m), i32.const(-nr)), i32.const(dt.log2Bytes))),
    set(p, i32.const(0)),
    ctl.loop(
      set(s, get(src)),
      set(d, i32.add(get(dst), i32.shl(get(p), i32.const(5)))),
      set(rowEnd, i32.add(get(src), get(fullBytes))),
      ctl.block(ctl.loop( // whole panels: one 32-byte row each, two vectors
        ctl.brIf(1, i32.geU(get(s), get(rowEnd))),
        v128.store(get(d), v128.load(get(s))),
        v128.store(get(d), v128.load(get(s), 16), 16),
        add(s, i32.const(PANEL_ROW_BYTES)),
        add(d, get(panelBytes)),
        ctl.br(0),
      )),
      ctl.if(i32.ltU(get(fullBytes), get(rowBytes)), [ // the last, partial panel
        v128.store(get(d), v128.zero()),
        v128.store(get(d), v128.zero(), 16),
        set(t, get(fullBytes)),
        ctl.loop(
          dt.store(i32.add(get(d), i32.sub(get(t), get(fullBytes))), dt.load(i32.add(get(src), get(t)))),
          add(t, i32.const(dt.bytes)),
          ctl.brIf(0, i32.ltU(get(t), get(rowBytes))),
        ),
      ]),
      add(src, get(rowBytes)),
      add(p, i32.const(1)),
      ctl.brIf(0, i32.ltU(get(p), get(k))),
    ),
  ];
  return { func: f, body };
}

/**
 * `packa_<dt>(src, dst, h, kc)`: copies row-major A[h×kc] at `src` (h a multiple of MR)
 * into strips of MR rows at `dst`, each [kc][MR]: the MR numbers one step of the kernel
 * splats lie together. Whole vectors of each row are transposed in registers (a 4×4
 * transpose of f32 lanes, or 2×2 of f64 lanes, which V8 turns into unpack instructions),
 * the last kc mod lanes columns are copied one by one. Requires h, kc >= 1.
 */
export function packAFunction(dt: KernelDType): Built {
  const f = new Func(`packa_${dt.name}`, [Type.I32, Type.I32, Type.I32, Type.I32]);
  const [src, dst, h, kc] = [0, 1, 2, 3].map((i) => f.param(i));
  const I = (): Local => f.local(Type.I32);
  const V = (): Local => f.local(Type.V128);
  const rowBytes = I(), vecEnd = I(), end = I(), s = I(), d = I(), i = I();
  const v = Array.from({ length: MR }, V);
  const get = local.get, set = local.set;
  const add = (l: Local, x: Code): Code => set(l, i32.add(get(l), x));
  // Row r of the strip at column offset s - (start of row 0).
  const rowAddr = (r: number): Code => (r === 0 ? get(s) : i32.add(get(s), i32.mul(get(rowBytes), i32.const(r))));
  const shuffle = (x: Local, y: Local, picks: number[]): Code => v128.shuffle(get(x), get(y), laneShuffle(dt.bytes, picks));
  // The transposed block: `lanes` steps of MR numbers each, stored in order from d.
  const transposed: Code[] = dt.bytes === 4
    ? (() => {
      const [t0, t1, t2, t3] = [V(), V(), V(), V()];
      return [
        set(t0, shuffle(v[0], v[1], [0, 4, 1, 5])), set(t1, shuffle(v[0], v[1], [2, 6, 3, 7])),
        set(t2, shuffle(v[2], v[3], [0, 4, 1, 5])), set(t3, shuffle(v[2], v[3], [2, 6, 3, 7])),
        v128.store(get(d), shuffle(t0, t2, [0, 1, 4, 5])),
        v128.store(get(d), shuffle(t0, t2, [2, 3, 6, 7]), 16),
        v128.store(get(d), shuffle(t1, t3, [0, 1, 4, 5]), 32),
        v128.store(get(d), shuffle(t1, t3, [2, 3, 6, 7]), 48),
      ];
    })()
    : [
      v128.store(get(d), shuffle(v[0], v[1], [0, 2])),
      v128.store(get(d), shuffle(v[2], v[3], [0, 2]), 16),
      v128.store(get(d), shuffle(v[0], v[1], [1, 3]), 32),
      v128.store(get(d), shuffle(v[2], v[3], [1, 3]), 48),
    ];
  const body: Code[] = [
    set(rowBytes, i32.shl(get(kc), i32.const(dt.log2Bytes))),
    set(d, get(dst)),
    set(i, i32.const(0)),
    ctl.loop(
      // s walks row 0 of the strip; the other rows are rowBytes apart.
      set(s, get(src)),
      set(end, i32.add(get(src), get(rowBytes))),
      set(vecEnd, i32.sub(get(end), i32.and(get(rowBytes), i32.const(15)))),
      ctl.block(ctl.loop(
        ctl.brIf(1, i32.geU(get(s), get(vecEnd))),
        ...v.map((x, r) => set(x, v128.load(rowAddr(r)))),
        ...transposed,
        add(s, i32.const(16)),
        add(d, i32.const(16 * MR)),
        ctl.br(0),
      )),
      ctl.block(ctl.loop(
        ctl.brIf(1, i32.geU(get(s), get(end))),
        ...Array.from({ length: MR }, (_, r) => dt.store(get(d), dt.load(rowAddr(r)), r * dt.bytes)),
        add(s, i32.const(dt.bytes)),
        add(d, i32.const(MR * dt.bytes)),
        ctl.br(0),
      )),
      add(src, i32.mul(get(rowBytes), i32.const(MR))),
      add(i, i32.const(MR)),
      ctl.brIf(0, i32.ltU(get(i), get(h))),
    ),
  ];
  return { func: f, body };
}

/**
 * `packt_<dt>(src, dst, kc, w)`: the panels `pack_<dt>` makes of B[kc×w], made from Bᵀ:
 * `src` holds X = Bᵀ row-major as [w×kc] (w a multiple of NR, the padding rows zero), so
 * column j of B is row j of X. dst[panel q][p][lane] = X[q·NR + lane][p]. Lets the
 * matmul backward multiply by a transpose without writing one (the same packed bytes, so
 * the same bits). Requires kc, w >= 1.
 */
export function packTFunction(dt: KernelDType): Built {
  const f = new Func(`packt_${dt.name}`, [Type.I32, Type.I32, Type.I32, Type.I32]);
  const [src, dst, kc, w] = [0, 1, 2, 3].map((i) => f.param(i));
  const I = (): Local => f.local(Type.I32);
  const nr = panelWidth(dt.bytes);
  const rowBytes = I(), q = I(), base = I(), s = I(), end = I(), d = I();
  const stride = Array.from({ length: nr }, I); // lane·rowBytes
  const get = local.get, set = local.set;
  const add = (l: Local, v: Code): Code => set(l, i32.add(get(l), v));
  const body: Code[] = [
    set(rowBytes, i32.shl(get(kc), i32.const(dt.log2Bytes))),
    ...stride.map((l, lane) => set(l, i32.mul(get(rowBytes), i32.const(lane)))),
    set(d, get(dst)),
    set(base, get(src)),
    set(q, i32.const(0)),
    ctl.loop(
      set(s, get(base)),
      set(end, i32.add(get(base), get(rowBytes))),
      ctl.loop( // one step p of the panel: NR numbers, one from each row of X
        ...stride.map((l, lane) => dt.store(get(d), dt.load(lane === 0 ? get(s) : i32.add(get(s), get(l))), lane * dt.bytes)),
        add(s, i32.const(dt.bytes)),
        add(d, i32.const(PANEL_ROW_BYTES)),
        ctl.brIf(0, i32.ltU(get(s), get(end))),
      ),
      add(base, i32.mul(get(rowBytes), i32.const(nr))),
      add(q, i32.const(nr)),
      ctl.brIf(0, i32.ltU(get(q), get(w))),
    ),
  ];
  return { func: f, body };
}

/**
 * `packat_<dt>(src, dst, h, kc)`: the strips `packa_<dt>` makes of A[h×kc], made from Aᵀ:
 * `src` holds Y = Aᵀ row-major as [kc×h] (h a multiple of MR, the padding columns zero).
 * dst[strip s][p][r] = Y[p][s·MR + r]: each step is MR neighbours of one row of Y, so a
 * strip is copied a vector at a time. Requires h, kc >= 1.
 */
export function packATFunction(dt: KernelDType): Built {
  const f = new Func(`packat_${dt.name}`, [Type.I32, Type.I32, Type.I32, Type.I32]);
  const [src, dst, h, kc] = [0, 1, 2, 3].map((i) => f.param(i));
  const I = (): Local => f.local(Type.I32);
  const rowBytes = I(), sBytes = I(), col = I(), s = I(), p = I(), d = I();
  const get = local.get, set = local.set;
  const add = (l: Local, v: Code): Code => set(l, i32.add(get(l), v));
  const stepBytes = MR * dt.bytes; // 16 (f32) or 32 (f64): one or two vectors
  const body: Code[] = [
    set(rowBytes, i32.shl(get(h), i32.const(dt.log2Bytes))),
    set(sBytes, i32.const(0)),
    set(d, get(dst)),
    ctl.loop(
      set(col, i32.add(get(src), get(sBytes))),
      set(s, get(col)),
      set(p, i32.const(0)),
      ctl.loop(
        ...Array.from({ length: stepBytes / 16 }, (_, v) => v128.store(get(d), v128.load(get(s), 16 * v), 16 * v)),
        add(s, get(rowBytes)),
        add(d, i32.const(stepBytes)),
        add(p, i32.const(1)),
        ctl.brIf(0, i32.ltU(get(p), get(kc))),
      ),
      add(sBytes, i32.const(stepBytes)),
      ctl.brIf(0, i32.ltU(get(sBytes), get(rowBytes))),
    ),
  ];
  return { func: f, body };
}
