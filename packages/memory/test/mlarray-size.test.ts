import { type MLArray, Value, noGrad, ones, randn, zeros } from '@smolml/core';
import {
  COMPRESSED_POINTERS,
  FULL_POINTERS,
  calculateMLArrayBreakdown,
  calculateMLArraySize,
  calculateValueSize,
} from '../src';

const FULL = { layout: FULL_POINTERS };
const keysOf = (x: object): number => Reflect.ownKeys(x).length;

describe('calculateMLArrayBreakdown', () => {
  it('counts the values exactly: 8 bytes per element', () => {
    for (const shape of [[], [1], [7], [3, 4], [2, 3, 5], [0, 4]]) {
      const a = zeros(shape);
      const b = calculateMLArrayBreakdown(a);
      expect(b.data).toBe(8 * a.size);
      expect(b.grad).toBe(0);
      expect(b.total).toBe(b.data + b.grad + b.overhead);
      expect(calculateMLArraySize(a)).toBe(b.total);
    }
  });

  it('counts the gradient buffer exactly once backward has allocated it', () => {
    const a = randn(6, 5);
    expect(calculateMLArrayBreakdown(a).grad).toBe(0);
    a.mul(2).sum().backward();
    expect(calculateMLArrayBreakdown(a).grad).toBe(8 * 30);
  });

  it('does not allocate or cache anything while measuring', () => {
    const a = randn(3, 3);
    a.sum().backward();
    const internals = a as unknown as { _gradView: unknown };
    calculateMLArraySize(a);
    expect(internals._gradView).toBeNull();
  });

  it('models the overhead from the V8 layout: object, shape, parents list, typed array objects', () => {
    const L = FULL_POINTERS;
    const a = zeros(10, 10); // 800 bytes: stored outside the V8 heap
    const expected = L.objectHeader + L.tagged * keysOf(a) // the MLArray object
      + L.jsArray + L.fixedArrayHeader + 2 * L.tagged      // shape [10, 10]
      + L.jsArray                                          // parents [] (no elements store)
      + L.typedArray + L.arrayBuffer;                      // Float64Array + ArrayBuffer objects
    expect(calculateMLArrayBreakdown(a, FULL).overhead).toBe(expected);
  });

  it('adds the ByteArray header for small arrays whose bytes live on the V8 heap', () => {
    const small = calculateMLArrayBreakdown(zeros(8), FULL); // 64 bytes: on-heap
    const large = calculateMLArrayBreakdown(zeros(9), FULL); // 72 bytes: external
    expect(small.overhead - large.overhead).toBe(FULL_POINTERS.fixedArrayHeader);
  });

  it('counts the wrapper `grad` returns once it has been read', () => {
    const a = randn(4);
    a.sum().backward();
    const before = calculateMLArrayBreakdown(a, FULL);
    void a.grad;
    const after = calculateMLArrayBreakdown(a, FULL);
    expect(after.grad).toBe(before.grad);
    // a second MLArray object and its own empty parents list; shape and buffer are shared
    expect(after.overhead - before.overhead).toBe(FULL_POINTERS.objectHeader + FULL_POINTERS.tagged * keysOf(a) + FULL_POINTERS.jsArray);
  });

  it('is smaller with compressed pointers, by overhead only', () => {
    const a = ones(20, 20);
    const full = calculateMLArrayBreakdown(a, FULL);
    const compressed = calculateMLArrayBreakdown(a, { layout: COMPRESSED_POINTERS });
    expect(compressed.data).toBe(full.data);
    expect(compressed.overhead).toBeLessThan(full.overhead);
  });

  it('counts a non-leaf array\'s parents list but not its parents', () => {
    const x = randn(100);
    const y = noGrad(() => x.relu());
    const z = x.relu();
    expect(calculateMLArrayBreakdown(z, FULL).data).toBe(800);
    // z's parents list holds one reference: a one-element store beyond y's empty list
    expect(calculateMLArrayBreakdown(z, FULL).overhead - calculateMLArrayBreakdown(y, FULL).overhead)
      .toBe(FULL_POINTERS.fixedArrayHeader + FULL_POINTERS.tagged);
  });

  it('rejects what is not an MLArray', () => {
    expect(() => calculateMLArraySize([1, 2] as unknown as MLArray)).toThrow(TypeError);
    expect(() => calculateMLArraySize(null as unknown as MLArray)).toThrow(/expected an MLArray, got null/);
    expect(() => calculateMLArrayBreakdown({ data: new Float64Array(2) } as unknown as MLArray)).toThrow(/calculateMLArrayBreakdown/);
  });
});

describe('calculateValueSize', () => {
  it('is the object plus a heap number for each fractional field', () => {
    const L = FULL_POINTERS;
    const v = new Value(3);
    const shell = L.objectHeader + L.tagged * keysOf(v);
    expect(calculateValueSize(v, FULL)).toBe(shell);
    const w = new Value(1.5);
    expect(calculateValueSize(w, FULL)).toBe(shell + L.heapNumber);
    w.grad = 0.25;
    expect(calculateValueSize(w, FULL)).toBe(shell + 2 * L.heapNumber);
  });

  it('boxes integers too large for a small integer', () => {
    const L = FULL_POINTERS;
    expect(calculateValueSize(new Value(2 ** 40), FULL) - calculateValueSize(new Value(2), FULL)).toBe(L.heapNumber);
  });

  it('counts one node, not the graph behind it', () => {
    const a = new Value(2.5), b = new Value(-1.5);
    const c = a.mul(b).add(a.pow(2));
    expect(calculateValueSize(c, FULL)).toBe(calculateValueSize(new Value(c.data), FULL));
  });

  it('rejects what is not a Value', () => {
    expect(() => calculateValueSize(1.5 as unknown as Value)).toThrow(TypeError);
    expect(() => calculateValueSize({ data: 1, grad: 0 } as unknown as Value)).toThrow(/expected a Value/);
  });
});
