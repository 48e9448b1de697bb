import { Func, Type, f64x2, local, sleb, uleb, v128, wasmModule } from '../src/wasm/encode';
import { gemmModuleBytes } from '../src/wasm/gemm-module';

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

  it('the gemm module validates and stays small enough for synchronous compilation anywhere', () => {
    const bytes = gemmModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    // Chrome allowed `new WebAssembly.Module` on the main thread only under 4 KB until v114.
    expect(bytes.length).toBeLessThan(4096);
    expect(gemmModuleBytes()).toBe(bytes); // built once
  });
});
