// Just enough of the WebAssembly binary format for the SIMD peak loop: a module of
// functions taking i32 parameters and returning one f64, with v128 locals. Core's
// emitter (packages/core/src/wasm/encode.ts) is not exported and has no f32x4 ops, so
// the bench carries this small one. Reference: https://webassembly.github.io/spec/core/binary/

export type Code = readonly number[];

export const T = { I32: 0x7f, F32: 0x7d, F64: 0x7c, V128: 0x7b } as const;
export type ValType = (typeof T)[keyof typeof T];

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`uleb: expected a u32, got ${n}`);
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128, for small i32 constants. */
export function sleb(n: number): number[] {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new RangeError(`sleb: expected an i32, got ${n}`);
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const cat = (...parts: Code[]): number[] => parts.flat();
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const bytesOf = (a: Float32Array | Float64Array): number[] => Array.from(new Uint8Array(a.buffer));

export const op = {
  get: (i: number): Code => [0x20, ...uleb(i)],
  set: (i: number, v: Code): Code => cat(v, [0x21, ...uleb(i)]),
  tee: (i: number, v: Code): Code => cat(v, [0x22, ...uleb(i)]),
  i32Const: (v: number): Code => [0x41, ...sleb(v)],
  i32Sub: (a: Code, b: Code): Code => cat(a, b, [0x6b]),
  f32Const: (v: number): Code => [0x43, ...bytesOf(new Float32Array([v]))],
  f64Const: (v: number): Code => [0x44, ...bytesOf(new Float64Array([v]))],
  f64Add: (a: Code, b: Code): Code => cat(a, b, [0xa0]),
  f64PromoteF32: (a: Code): Code => cat(a, [0xbb]),
  f32x4Splat: (a: Code): Code => cat(a, simd(0x13)),
  f64x2Splat: (a: Code): Code => cat(a, simd(0x14)),
  f32x4Lane: (v: Code, lane: number): Code => cat(v, simd(0x1f), [lane]),
  f64x2Lane: (v: Code, lane: number): Code => cat(v, simd(0x21), [lane]),
  f32x4Add: (a: Code, b: Code): Code => cat(a, b, simd(0xe4)),
  f32x4Mul: (a: Code, b: Code): Code => cat(a, b, simd(0xe6)),
  f64x2Add: (a: Code, b: Code): Code => cat(a, b, simd(0xf0)),
  f64x2Mul: (a: Code, b: Code): Code => cat(a, b, simd(0xf2)),
  /** `do { body } while (--counter !== 0)`: the loop needs counter ≥ 1 on entry. */
  doWhileDec: (counter: number, ...body: Code[]): Code =>
    cat([0x03, 0x40], ...body, op.tee(counter, op.i32Sub(op.get(counter), op.i32Const(1))), [0x0d, 0x00], [0x0b]),
};

export interface FuncDef {
  name: string;
  params: readonly ValType[];
  result: ValType;
  locals: readonly ValType[];
  body: readonly Code[];
}

/** A module exporting `funcs` by name (no memory, no imports). */
export function wasmModule(funcs: readonly FuncDef[]): Uint8Array<ArrayBuffer> {
  const vec = (items: readonly (readonly number[])[]): number[] => [...uleb(items.length), ...items.flat()];
  const section = (id: number, content: readonly number[]): number[] => [id, ...uleb(content.length), ...content];
  const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec([[f.result]])]);
  const code = funcs.map((f) => {
    const bytes = cat(vec(f.locals.map((t) => [...uleb(1), t])), ...f.body, [0x0b]);
    return [...uleb(bytes.length), ...bytes];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(code)),
  ]);
}
