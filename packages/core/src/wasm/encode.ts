// Just enough of the WebAssembly binary format to write small compute kernels from
// TypeScript, with no toolchain: instructions are built as expression trees (each a
// byte array that leaves its value on the stack), functions from those, and a module
// from functions. Reference: https://webassembly.github.io/spec/core/binary/

/** Encoded instructions. An expression leaves one value on the stack; a statement none. */
export type Code = readonly number[];

/** Value types. */
export const Type = { I32: 0x7f, F32: 0x7d, F64: 0x7c, V128: 0x7b } as const;
export type Type = (typeof Type)[keyof typeof Type];

/** A local variable (parameters come first, then declared locals). */
export interface Local {
  readonly index: number;
  readonly type: Type;
}

/** Unsigned LEB128, the variable-length integer of the format. */
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

/** Signed LEB128 (for i32.const). */
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

const utf8 = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const vec = (items: readonly (readonly number[])[]): number[] => [...uleb(items.length), ...items.flat()];
const cat = (...parts: Code[]): number[] => parts.flat();

// A memory access: alignment (log2 bytes) and a constant byte offset added to the address.
const memarg = (align: number, offset: number): number[] => [...uleb(align), ...uleb(offset)];
const simd = (op: number): number[] => [0xfd, ...uleb(op)];

export const local = {
  get: (l: Local): Code => [0x20, ...uleb(l.index)],
  set: (l: Local, value: Code): Code => cat(value, [0x21, ...uleb(l.index)]),
};

export const i32 = {
  const: (v: number): Code => [0x41, ...sleb(v)],
  add: (a: Code, b: Code): Code => cat(a, b, [0x6a]),
  sub: (a: Code, b: Code): Code => cat(a, b, [0x6b]),
  mul: (a: Code, b: Code): Code => cat(a, b, [0x6c]),
  shl: (a: Code, b: Code): Code => cat(a, b, [0x74]),
  shrU: (a: Code, b: Code): Code => cat(a, b, [0x76]),
  and: (a: Code, b: Code): Code => cat(a, b, [0x71]),
  eq: (a: Code, b: Code): Code => cat(a, b, [0x46]),
  ltU: (a: Code, b: Code): Code => cat(a, b, [0x49]),
  geU: (a: Code, b: Code): Code => cat(a, b, [0x4f]),
};

export const f64 = {
  load: (addr: Code, offset = 0): Code => cat(addr, [0x2b], memarg(3, offset)),
  store: (addr: Code, value: Code, offset = 0): Code => cat(addr, value, [0x39], memarg(3, offset)),
  add: (a: Code, b: Code): Code => cat(a, b, [0xa0]),
};

export const f32 = {
  load: (addr: Code, offset = 0): Code => cat(addr, [0x2a], memarg(2, offset)),
  store: (addr: Code, value: Code, offset = 0): Code => cat(addr, value, [0x38], memarg(2, offset)),
  add: (a: Code, b: Code): Code => cat(a, b, [0x92]),
};

export const v128 = {
  load: (addr: Code, offset = 0): Code => cat(addr, simd(0x00), memarg(4, offset)),
  store: (addr: Code, value: Code, offset = 0): Code => cat(addr, value, simd(0x0b), memarg(4, offset)),
  zero: (): Code => cat(simd(0x0c), new Array<number>(16).fill(0)),
  and: (a: Code, b: Code): Code => cat(a, b, simd(0x4e)),
  or: (a: Code, b: Code): Code => cat(a, b, simd(0x50)),
  /** Bits of `a` where `mask` is 1, of `b` where it is 0. */
  bitselect: (a: Code, b: Code, mask: Code): Code => cat(a, b, mask, simd(0x52)),
  /** Loads 8 bytes into the low half, zeroing the high half. */
  load64Zero: (addr: Code, offset = 0): Code => cat(addr, simd(0x5d), memarg(3, offset)),
  /** Stores the 8 bytes of 64-bit lane `lane`. */
  store64Lane: (addr: Code, value: Code, lane: 0 | 1, offset = 0): Code => cat(addr, value, simd(0x5b), memarg(3, offset), [lane]),
  /** i8x16.shuffle: byte i of the result is byte lanes[i] of a‖b (0-15 from a, 16-31 from b). */
  shuffle: (a: Code, b: Code, lanes: readonly number[]): Code => {
    if (lanes.length !== 16 || lanes.some((l) => !Number.isInteger(l) || l < 0 || l > 31)) {
      throw new RangeError(`v128.shuffle: expected 16 byte lanes in 0..31, got [${lanes.join(', ')}]`);
    }
    return cat(a, b, simd(0x0d), lanes);
  },
};

/** The byte lanes of a v128.shuffle that picks whole lanes of `bytes` bytes (0.. from a, then b). */
export function laneShuffle(bytes: 4 | 8, picks: readonly number[]): number[] {
  return picks.flatMap((p) => Array.from({ length: bytes }, (_, i) => p * bytes + i));
}

export const f32x4 = {
  /** Loads one f32 and copies it into all four lanes. */
  loadSplat: (addr: Code, offset = 0): Code => cat(addr, simd(0x09), memarg(2, offset)),
  splat: (x: Code): Code => cat(x, simd(0x13)),
  extractLane: (v: Code, lane: 0 | 1 | 2 | 3): Code => cat(v, simd(0x1f), [lane]),
  add: (a: Code, b: Code): Code => cat(a, b, simd(0xe4)),
  sub: (a: Code, b: Code): Code => cat(a, b, simd(0xe5)),
  mul: (a: Code, b: Code): Code => cat(a, b, simd(0xe6)),
  div: (a: Code, b: Code): Code => cat(a, b, simd(0xe7)),
  sqrt: (a: Code): Code => cat(a, simd(0xe3)),
  /** Lanewise a > b: all ones where true, else all zeros. */
  gt: (a: Code, b: Code): Code => cat(a, b, simd(0x44)),
  ne: (a: Code, b: Code): Code => cat(a, b, simd(0x42)),
  le: (a: Code, b: Code): Code => cat(a, b, simd(0x45)),
  ge: (a: Code, b: Code): Code => cat(a, b, simd(0x46)),
  /** Rounds both f64 lanes to f32 in the low two lanes; the high two are zero. */
  demoteF64x2: (a: Code): Code => cat(a, simd(0x5e)),
};

export const f64x2 = {
  /** Loads one f64 and copies it into both lanes. */
  loadSplat: (addr: Code, offset = 0): Code => cat(addr, simd(0x0a), memarg(3, offset)),
  splat: (x: Code): Code => cat(x, simd(0x14)),
  extractLane: (v: Code, lane: 0 | 1): Code => cat(v, simd(0x21), [lane]),
  add: (a: Code, b: Code): Code => cat(a, b, simd(0xf0)),
  sub: (a: Code, b: Code): Code => cat(a, b, simd(0xf1)),
  mul: (a: Code, b: Code): Code => cat(a, b, simd(0xf2)),
  div: (a: Code, b: Code): Code => cat(a, b, simd(0xf3)),
  sqrt: (a: Code): Code => cat(a, simd(0xef)),
  gt: (a: Code, b: Code): Code => cat(a, b, simd(0x4a)),
  ne: (a: Code, b: Code): Code => cat(a, b, simd(0x48)),
  le: (a: Code, b: Code): Code => cat(a, b, simd(0x4b)),
  ge: (a: Code, b: Code): Code => cat(a, b, simd(0x4c)),
  /** Widens the low two f32 lanes to f64 (exactly). */
  promoteLowF32x4: (a: Code): Code => cat(a, simd(0x5f)),
};

/** Structured control flow. Branch depths count enclosing blocks outwards from 0. */
export const ctl = {
  block: (...body: Code[]): Code => cat([0x02, 0x40], ...body, [0x0b]),
  loop: (...body: Code[]): Code => cat([0x03, 0x40], ...body, [0x0b]),
  if: (cond: Code, then: Code[], otherwise: Code[] = []): Code =>
    cat(cond, [0x04, 0x40], ...then, ...(otherwise.length > 0 ? [[0x05], ...otherwise] : []), [0x0b]),
  /** `cond ? then : otherwise` as an expression of value type `type` (only one arm runs). */
  ifValue: (type: Type, cond: Code, then: Code, otherwise: Code): Code => cat(cond, [0x04, type], then, [0x05], otherwise, [0x0b]),
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number, cond: Code): Code => cat(cond, [0x0d, ...uleb(depth)]),
};

/**
 * `for (i = from; i < to; i += step) body` over unsigned i32s, as a block around a loop
 * (the test is at the top, so an empty range runs nothing).
 */
export function forRange(i: Local, from: Code, to: Code, step: Code, ...body: Code[]): Code {
  return cat(
    local.set(i, from),
    ctl.block(ctl.loop(
      ctl.brIf(1, i32.geU(local.get(i), to)),
      ...body,
      local.set(i, i32.add(local.get(i), step)),
      ctl.br(0),
    )),
  );
}

/** A function under construction: parameters, then locals declared as the body needs them. */
export class Func {
  private readonly locals: Type[] = [];

  constructor(readonly name: string, readonly params: readonly Type[]) {}

  param(i: number): Local {
    return { index: i, type: this.params[i] };
  }

  local(type: Type): Local {
    this.locals.push(type);
    return { index: this.params.length + this.locals.length - 1, type };
  }

  /** The encoded body: locals, instructions, end. */
  encode(body: readonly Code[]): number[] {
    const decls = this.locals.map((t) => [...uleb(1), t]);
    const bytes = cat(vec(decls), ...body, [0x0b]);
    return [...uleb(bytes.length), ...bytes];
  }
}

/**
 * A module importing one linear memory (`env.memory`, so JavaScript owns and grows it)
 * and exporting `funcs` by name. Every function returns nothing.
 */
export function wasmModule(funcs: readonly { func: Func; body: readonly Code[] }[]): Uint8Array<ArrayBuffer> {
  const section = (id: number, content: readonly number[]): number[] => [id, ...uleb(content.length), ...content];
  const types = funcs.map(({ func }) => [0x60, ...vec(func.params.map((t) => [t])), ...vec([])]);
  const memoryImport = [...utf8('env'), ...utf8('memory'), 0x02, 0x00, ...uleb(1)]; // memory, min 1 page, no max
  const exports = funcs.map(({ func }, i) => [...utf8(func.name), 0x00, ...uleb(i)]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport])),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(exports)),
    ...section(10, vec(funcs.map(({ func, body }) => func.encode(body)))),
  ]);
}
