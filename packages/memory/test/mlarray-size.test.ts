import { MLArray, Value, noGrad, ones, randn, zeros } from '@smolml/core';
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
  it('counts the values exactly: 8 bytes per float64 element, 4 per float32 element', () => {
    for (const dtype of ['float64', 'float32'] as const) {
      for (const shape of [[], [1], [7], [3, 4], [2, 3, 5], [0, 4]]) {
        const a = zeros(shape, { dtype });
        const b = calculateMLArrayBreakdown(a);
        expect(b.data).toBe((dtype === 'float32' ? 4 : 8) * a.size);
        expect(b.grad).toBe(0);
        expect(b.dtype).toBe(dtype);
        expect(b.total).toBe(b.data + b.grad + b.overhead);
        expect(calculateMLArraySize(a)).toBe(b.total);
      }
    }
  });

  it('counts a float32 gradient at 4 bytes per element, and half the storage of float64', () => {
    const a = randn([6, 5], { dtype: 'float32' });
    a.mul(2).sum().backward();
    const b32 = calculateMLArrayBreakdown(a, FULL);
    expect(b32).toMatchObject({ data: 4 * 30, grad: 4 * 30, dtype: 'float32' });
    const b64 = calculateMLArrayBreakdown(a.astype('float64').detach(), FULL);
    expect(b64.data).toBe(2 * b32.data);
  });

  it('pads the on-heap bytes of an odd-length float32 array to 8, as V8 aligns them', () => {
    const L = FULL_POINTERS;
    const a = zeros([8], { dtype: 'float32' });
    const odd = calculateMLArrayBreakdown(zeros([7], { dtype: 'float32' }), FULL); // 28 bytes, on the heap
    const even = calculateMLArrayBreakdown(a, FULL); // 32 bytes
    expect(odd.data).toBe(28);
    expect(odd.data + odd.overhead).toBe(even.data + even.overhead);
    expect(even.overhead).toBe(L.objectHeader + L.tagged * keysOf(a) + L.jsArray + L.fixedArrayHeader + L.tagged + L.typedArray + L.arrayBuffer + L.fixedArrayHeader);
  });

  it('counts the gradient buffer exactly once backward has allocated it', () => {
    const a = randn(6, 5);
    expect(calculateMLArrayBreakdown(a).grad).toBe(0);
    a.mul(2).sum().backward();
    expect(calculateMLArrayBreakdown(a).grad).toBe(8 * 30);
  });

  it('reads the gradient through gradData, never through the allocating grad getter', () => {
    const a = randn(3, 3);
    a.sum().backward();
    const spy = jest.spyOn(MLArray.prototype, 'grad', 'get');
    try {
      expect(calculateMLArrayBreakdown(a).grad).toBe(8 * 9);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('models the overhead from the V8 layout: object, shape, typed array objects', () => {
    const L = FULL_POINTERS;
    const a = zeros(10, 10); // 800 bytes: stored outside the V8 heap
    const expected = L.objectHeader + L.tagged * keysOf(a) // the MLArray object
      + L.jsArray + L.fixedArrayHeader + 2 * L.tagged      // shape [10, 10]
      + L.typedArray + L.arrayBuffer;                      // Float64Array + ArrayBuffer objects
    // A leaf's parents list is core's one shared, frozen empty list: no array owns it.
    expect(a.prev).toHaveLength(0);
    expect(Object.isFrozen(a.prev)).toBe(true);
    expect(calculateMLArrayBreakdown(a, FULL).overhead).toBe(expected);
  });

  it('adds the ByteArray header for small arrays whose bytes live on the V8 heap', () => {
    const small = calculateMLArrayBreakdown(zeros(8), FULL); // 64 bytes: on-heap
    const large = calculateMLArrayBreakdown(zeros(9), FULL); // 72 bytes: external
    expect(small.overhead - large.overhead).toBe(FULL_POINTERS.fixedArrayHeader);
  });

  it('counts nothing for the grad getter\'s wrapper: core makes a fresh one per read and keeps none', () => {
    const a = randn(4);
    a.sum().backward();
    const before = calculateMLArrayBreakdown(a, FULL);
    expect(a.grad).not.toBe(a.grad);
    expect(calculateMLArrayBreakdown(a, FULL)).toEqual(before);
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
    // z's parents list is its own one-element array; y shares core's empty list
    expect(calculateMLArrayBreakdown(z, FULL).overhead - calculateMLArrayBreakdown(y, FULL).overhead)
      .toBe(FULL_POINTERS.jsArray + FULL_POINTERS.fixedArrayHeader + FULL_POINTERS.tagged);
  });

  it('rejects what is not an MLArray', () => {
    expect(() => calculateMLArraySize([1, 2] as unknown as MLArray)).toThrow(TypeError);
    expect(() => calculateMLArraySize(null as unknown as MLArray)).toThrow(/expected an MLArray, got null/);
    expect(() => calculateMLArrayBreakdown({ data: new Float64Array(2) } as unknown as MLArray)).toThrow(/calculateMLArrayBreakdown/);
    // a forged brand with storage that does not fit its shape is not an MLArray either
    const forged = { [Symbol.for('smolml.MLArray')]: true, data: [1, 2], shape: [2], size: 2, requiresGrad: false, _prev: [] };
    expect(() => calculateMLArraySize(forged as unknown as MLArray)).toThrow(/calculateMLArraySize: expected an MLArray/);
    // one that passes core's brand check but lacks core's accessors (prev, gradData, savedBuffers)
    const shell = { [Symbol.for('smolml.MLArray')]: true, data: new Float64Array(1), shape: [], size: 1, requiresGrad: false, _prev: [] };
    expect(() => calculateMLArraySize(shell as unknown as MLArray)).toThrow(/^calculateMLArraySize: an MLArray's (gradData|prev|savedBuffers) must be .*, got undefined/);
    expect(() => calculateMLArrayBreakdown(shell as unknown as MLArray)).toThrow(TypeError);
  });
});

describe('calculateValueSize', () => {
  const L = FULL_POINTERS;
  // data and grad: two float64 numbers in core's shared chunk, and the node's share
  // (2 of 512 numbers) of the chunk's typed array and ArrayBuffer, rounded
  const numbers = 16 + Math.round((2 * (L.typedArray + L.arrayBuffer)) / 512);

  it('is the object plus its two float64 numbers, whatever they hold', () => {
    const v = new Value(3);
    const shell = L.objectHeader + L.tagged * keysOf(v);
    expect(calculateValueSize(v, FULL)).toBe(shell + numbers);
    const w = new Value(1.5);
    w.grad = 0.25;
    expect(calculateValueSize(w, FULL)).toBe(shell + numbers);
    expect(calculateValueSize(new Value(2 ** 40), FULL)).toBe(shell + numbers);
  });

  it('reads data and grad through the public accessors, not as own fields', () => {
    const v = new Value(2.5);
    expect(Object.getOwnPropertyDescriptor(v, 'data')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(v, 'grad')).toBeUndefined();
  });

  it('counts one node, not the graph behind it', () => {
    const a = new Value(2.5), b = new Value(-1.5);
    const c = a.mul(b).add(a.pow(2));
    expect(calculateValueSize(c, FULL)).toBe(calculateValueSize(new Value(c.data), FULL));
  });

  it('rejects what is not a Value', () => {
    expect(() => calculateValueSize(1.5 as unknown as Value)).toThrow(TypeError);
    expect(() => calculateValueSize({ data: 1, grad: 0 } as unknown as Value)).toThrow(/expected a Value/);
    expect(() => calculateValueSize(new Value(1), { layout: 4 } as never)).toThrow(/^calculateValueSize: options\.layout must be a V8Layout/);
  });
});
