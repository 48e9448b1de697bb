// The float64 matrix-multiply kernel as a WebAssembly SIMD module, written with the
// encoder in ./encode. It is the same algorithm as the JavaScript kernel in
// ../ops/gemm.ts, with each pair of columns held in one f64x2 register:
//
//   for each panel of 4 columns of B (packed [k][4], zero-padded, by `pack`):
//     for each strip of 4 rows of A (row-major, read through 4 row pointers):
//       8 accumulators, acc[r][0] = C[r][0..1] and acc[r][1] = C[r][2..3], start at 0
//       for p in 0..k: b = B[p][0..3]; for r in 0..4: acc[r] += A[r][p] * b
//       C[r][0..3] += acc[r]
//     for each leftover row of A (n mod 4 of them): the same, 1 row
//
// Products and sums happen in the same order as in the JavaScript kernel, with no fused
// multiply-add, so both kernels give bit-identical results. Eight accumulators, two B
// vectors and one A value use 11 of the 16 SIMD registers V8 allocates on x86-64; strips
// of 6 rows (12 accumulators) measured 15-30% slower, and unrolling the p loop slower too.
import { type Code, type Local, Func, Type, ctl, f64, f64x2, forRange, i32, local, v128, wasmModule } from './encode';

/**
 * `gemm(a, b, c, n, k, m)`: C[n×m] += A[n×k]·B[k×m] on byte addresses in linear memory,
 * with A and C row-major and B packed by `pack`. Requires n, k, m >= 1.
 */
function gemmFunction(): { func: Func; body: Code[] } {
  const f = new Func('gemm', [Type.I32, Type.I32, Type.I32, Type.I32, Type.I32, Type.I32]);
  const [a, b, c, n, k, m] = [0, 1, 2, 3, 4, 5].map((i) => f.param(i));
  const I = (): Local => f.local(Type.I32);
  const V = (): Local => f.local(Type.V128);
  const panelBytes = I(); // one packed panel of B or strip of A: k × 4 × 8 bytes
  const rowBytes = I();   // one row of C: m × 8 bytes
  const rowA = I(), rowA2 = I(), rowA3 = I(); // 1, 2 and 3 rows of A: k × 8, 16, 24 bytes
  const n4 = I(), j = I(), w = I(), i = I(), bp = I(), ap = I(), pa = I(), pb = I(), end = I(), row = I();
  const acc = Array.from({ length: 8 }, V);
  const b0 = V(), b1 = V(), x = V();
  const get = local.get, set = local.set;
  const add = (l: Local, v: Code): Code => set(l, i32.add(get(l), v));

  // C[row][j..j+3] += (lo, hi), writing only the w columns that exist (w >= 4: all).
  const storeRow = (lo: Local, hi: Local): Code => ctl.if(
    i32.geU(get(w), i32.const(4)),
    [
      v128.store(get(row), f64x2.add(v128.load(get(row)), get(lo))),
      v128.store(get(row), f64x2.add(v128.load(get(row), 16), get(hi)), 16),
    ],
    [
      ctl.if(
        i32.geU(get(w), i32.const(2)),
        [v128.store(get(row), f64x2.add(v128.load(get(row)), get(lo)))],
        [f64.store(get(row), f64.add(f64.load(get(row)), f64x2.extractLane(get(lo), 0)))],
      ),
      ctl.if(i32.eq(get(w), i32.const(3)), [
        f64.store(get(row), f64.add(f64.load(get(row), 16), f64x2.extractLane(get(hi), 0)), 16),
      ]),
    ],
  );

  // acc[2r] += x * b0; acc[2r + 1] += x * b1
  const madd = (r: number): Code[] => [
    set(acc[2 * r], f64x2.add(get(acc[2 * r]), f64x2.mul(get(x), get(b0)))),
    set(acc[2 * r + 1], f64x2.add(get(acc[2 * r + 1]), f64x2.mul(get(x), get(b1)))),
  ];
  // One step p of the inner loop: B[p][0..3] in two vectors, then one row of A at a time.
  const stripStep: Code[] = [
    set(b0, v128.load(get(pb))), set(b1, v128.load(get(pb), 16)),
    ...[pa, rowA, rowA2, rowA3].flatMap((offset, r) =>
      [set(x, f64x2.loadSplat(r === 0 ? get(pa) : i32.add(get(pa), get(offset)))), ...madd(r)]),
  ];
  const singleStep: Code[] = [
    set(b0, v128.load(get(pb))), set(b1, v128.load(get(pb), 16)),
    set(x, f64x2.loadSplat(get(pa))), ...madd(0),
  ];
  // Runs `step` for p = 0..k-1 (k >= 1), A advancing one number and B one panel row a step.
  const innerLoop = (step: Code[]): Code[] => [
    set(pa, get(ap)), set(pb, get(bp)), set(end, i32.add(get(bp), get(panelBytes))),
    ctl.loop(
      ...step,
      add(pa, i32.const(8)),
      add(pb, i32.const(32)),
      ctl.brIf(0, i32.ltU(get(pb), get(end))),
    ),
  ];

  const strip: Code[] = [
    ...acc.map((v) => set(v, v128.zero())),
    ...innerLoop(stripStep),
    set(row, i32.add(i32.add(get(c), i32.mul(get(i), get(rowBytes))), i32.shl(get(j), i32.const(3)))),
    ...[0, 1, 2, 3].flatMap((r) => [...(r > 0 ? [add(row, get(rowBytes))] : []), storeRow(acc[2 * r], acc[2 * r + 1])]),
    add(ap, i32.shl(get(rowA), i32.const(2))),
  ];

  const single: Code[] = [
    set(acc[0], v128.zero()), set(acc[1], v128.zero()),
    ...innerLoop(singleStep),
    set(row, i32.add(i32.add(get(c), i32.mul(get(i), get(rowBytes))), i32.shl(get(j), i32.const(3)))),
    storeRow(acc[0], acc[1]),
    add(ap, get(rowA)),
  ];

  const body: Code[] = [
    set(panelBytes, i32.shl(get(k), i32.const(5))),
    set(rowBytes, i32.shl(get(m), i32.const(3))),
    set(rowA, i32.shl(get(k), i32.const(3))),
    set(rowA2, i32.shl(get(k), i32.const(4))),
    set(rowA3, i32.add(get(rowA), get(rowA2))),
    set(n4, i32.and(get(n), i32.const(-4))),
    set(bp, get(b)),
    forRange(j, i32.const(0), get(m), i32.const(4),
      set(w, i32.sub(get(m), get(j))),
      set(ap, get(a)),
      forRange(i, i32.const(0), get(n4), i32.const(4), ...strip),
      forRange(i, get(n4), get(n), i32.const(1), ...single),
      add(bp, get(panelBytes)),
    ),
  ];
  return { func: f, body };
}

/**
 * `pack(src, dst, k, m)`: copies row-major B[k×m] at `src` into panels of 4 columns at
 * `dst` ([k][4] each, the last one zero-padded), the layout `gemm` reads. It walks B row
 * by row, so the reads are sequential and each panel is written as a sequential stream.
 */
function packFunction(): { func: Func; body: Code[] } {
  const f = new Func('pack', [Type.I32, Type.I32, Type.I32, Type.I32]);
  const [src, dst, k, m] = [0, 1, 2, 3].map((i) => f.param(i));
  const I = (): Local => f.local(Type.I32);
  const panelBytes = I(), m4Bytes = I(), rowEnd = I(), s = I(), d = I(), p = I(), t = I();
  const get = local.get, set = local.set;
  const add = (l: Local, v: Code): Code => set(l, i32.add(get(l), v));
  const body: Code[] = [
    set(panelBytes, i32.shl(get(k), i32.const(5))),
    set(m4Bytes, i32.shl(i32.and(get(m), i32.const(-4)), i32.const(3))),
    forRange(p, i32.const(0), get(k), i32.const(1),
      set(s, get(src)),
      set(d, i32.add(get(dst), i32.shl(get(p), i32.const(5)))),
      set(rowEnd, i32.add(get(src), get(m4Bytes))),
      ctl.block(ctl.loop( // whole panels: 4 numbers, two vectors
        ctl.brIf(1, i32.geU(get(s), get(rowEnd))),
        v128.store(get(d), v128.load(get(s))),
        v128.store(get(d), v128.load(get(s), 16), 16),
        add(s, i32.const(32)),
        add(d, get(panelBytes)),
        ctl.br(0),
      )),
      ctl.if(i32.ltU(get(m4Bytes), i32.shl(get(m), i32.const(3))), [ // the last, partial panel
        v128.store(get(d), v128.zero()),
        v128.store(get(d), v128.zero(), 16),
        forRange(t, get(m4Bytes), i32.shl(get(m), i32.const(3)), i32.const(8),
          f64.store(i32.add(get(d), i32.sub(get(t), get(m4Bytes))), f64.load(i32.add(get(src), get(t))))),
      ]),
      add(src, i32.shl(get(m), i32.const(3))),
    ),
  ];
  return { func: f, body };
}

let bytes: Uint8Array<ArrayBuffer> | null = null;

/** The module's bytes (built once, under 2 KB). Imports `env.memory`, exports `gemm` and `pack`. */
export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  if (bytes === null) bytes = wasmModule([gemmFunction(), packFunction()]);
  return bytes;
}
