import { Func, Type, f32, f32x4, f64x2, laneShuffle, local, sleb, uleb, v128, wasmModule } from '../src/wasm/encode';
import { gemmModuleBytes, gemmTransModuleBytes } from '../src/wasm/gemm-module';
import { streamModuleBytes } from '../src/wasm/stream-wasm';

describe('WebAssembly encoder', () => {
  it('writes unsigned LEB128 as the spec examples do', () => {
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('writes signed LEB128', () => {
    expect(sleb(0)).toEqual([0x00]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-4)).toEqual([0x7c]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(-0x80000000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  it('rejects numbers outside 32 bits', () => {
    expect(() => uleb(-1)).toThrow(RangeError);
    expect(() => uleb(2 ** 32)).toThrow(RangeError);
    expect(() => uleb(1.5)).toThrow(RangeError);
    expect(() => sleb(2 ** 31)).toThrow(RangeError);
  });

  it('builds a module that runs: f64x2 arithmetic on linear memory', () => {
    // add2(src, dst): dst[0..1] = src[0..1] * src[2..3] + src[0..1]
    const f = new Func('add2', [Type.I32, Type.I32]);
    const src = f.param(0), dst = f.param(1);
    const x = v128.load(local.get(src));
    const body = [v128.store(local.get(dst), f64x2.add(f64x2.mul(x, v128.load(local.get(src), 16)), x))];
    const bytes = wasmModule([{ func: f, body }]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    const heap = new Float64Array(memory.buffer);
    heap.set([1.5, -2, 4, 0.25]);
    (inst.exports.add2 as (s: number, d: number) => void)(0, 64);
    expect(Array.from(heap.subarray(8, 10))).toEqual([1.5 * 4 + 1.5, -2 * 0.25 - 2]);
  });

  it('builds f32x4 arithmetic, splats, lane extraction and scalar f32 loads and stores that run', () => {
    // f(src, dst): dst[0..3] = splat(src[0]) * src[4..7] + src[4..7]; dst[4] = src[1] + lane 2 of src[4..7]
    const f = new Func('f', [Type.I32, Type.I32]);
    const src = local.get(f.param(0)), dst = local.get(f.param(1));
    const v = v128.load(src, 16);
    const body = [
      v128.store(dst, f32x4.add(f32x4.mul(f32x4.loadSplat(src), v), v)),
      f32.store(dst, f32.add(f32.load(src, 4), f32x4.extractLane(v, 2)), 16),
    ];
    const bytes = wasmModule([{ func: f, body }]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    const heap = new Float32Array(memory.buffer);
    const x = [0.1, 0.7, 0, 0, 1.5, -2, 1e-3, 3];
    heap.set(x);
    (inst.exports.f as (s: number, d: number) => void)(0, 64);
    const fr = Math.fround;
    const want = [4, 5, 6, 7].map((i) => fr(fr(fr(x[0]) * fr(x[i])) + fr(x[i])));
    expect(Array.from(heap.subarray(16, 20))).toEqual(want);
    expect(heap[20]).toBe(fr(fr(x[1]) + fr(x[6])));
  });

  it('shuffles whole lanes of two vectors', () => {
    expect(laneShuffle(4, [0, 4, 1, 5])).toEqual([0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23]);
    expect(laneShuffle(8, [1, 2])).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
    const f = new Func('t', [Type.I32]);
    const p = local.get(f.param(0));
    const body = [v128.store(p, v128.shuffle(v128.load(p), v128.load(p, 16), laneShuffle(4, [3, 6, 0, 5])), 32)];
    const memory = new WebAssembly.Memory({ initial: 1 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(wasmModule([{ func: f, body }])), { env: { memory } });
    const heap = new Int32Array(memory.buffer);
    heap.set([10, 11, 12, 13, 14, 15, 16, 17]);
    (inst.exports.t as (p: number) => void)(0);
    expect(Array.from(heap.subarray(8, 12))).toEqual([13, 16, 10, 15]);
    expect(() => v128.shuffle([], [], [0, 1])).toThrow(RangeError);
    expect(() => v128.shuffle([], [], new Array<number>(16).fill(32))).toThrow(/v128.shuffle/);
  });

  it('the gemm module validates and stays small enough for synchronous compilation anywhere', () => {
    const bytes = gemmModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    // Chrome allowed `new WebAssembly.Module` on the main thread only under 4 KB until v114.
    expect(bytes.length).toBeLessThan(4096);
    expect(gemmModuleBytes()).toBe(bytes); // built once
  });

  it('every other module (transposed packing, the stream kernels) validates and stays under 4 KB too', () => {
    const modules = [gemmTransModuleBytes(), ...streamModuleBytes()];
    expect(modules.length).toBeGreaterThanOrEqual(4);
    for (const bytes of modules) {
      expect(WebAssembly.validate(bytes)).toBe(true);
      expect(bytes.length).toBeLessThan(4096);
    }
    expect(streamModuleBytes()).toBe(streamModuleBytes()); // built once
  });
});
