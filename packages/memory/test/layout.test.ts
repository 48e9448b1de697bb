import { MLArray, zeros } from '@smolml/core';
import { COMPRESSED_POINTERS, FULL_POINTERS, calculateMLArraySize, detectLayout } from '../src';

describe('V8 layouts', () => {
  it('detects the running Node build from process.config', () => {
    const flag = (process.config.variables as Record<string, unknown>).v8_enable_pointer_compression;
    expect(detectLayout()).toBe(flag === 1 || flag === true || flag === 'true' ? COMPRESSED_POINTERS : FULL_POINTERS);
  });

  it('sizes full-pointer objects with 8-byte fields and compressed ones with 4-byte fields', () => {
    expect(FULL_POINTERS.tagged).toBe(8);
    expect(FULL_POINTERS.objectHeader).toBe(3 * 8);
    expect(COMPRESSED_POINTERS.tagged).toBe(4);
    expect(COMPRESSED_POINTERS.objectHeader).toBe(3 * 4);
    expect(Object.isFrozen(FULL_POINTERS)).toBe(true);
  });

  it('changes only the overhead, never the float64 bytes', () => {
    const a = zeros(50, 2);
    const full = calculateMLArraySize(a, { layout: FULL_POINTERS });
    const compressed = calculateMLArraySize(a, { layout: COMPRESSED_POINTERS });
    expect(full).toBeGreaterThan(compressed);
    expect(compressed).toBeGreaterThan(800);
  });

  it('rejects a malformed layout option', () => {
    const bad = { ...FULL_POINTERS, tagged: 6 } as unknown as typeof FULL_POINTERS;
    expect(() => calculateMLArraySize(zeros(2), { layout: bad })).toThrow(RangeError);
  });

  // The gradient buffer is read from core's internal field, since the public getter
  // allocates; this pins that field so a change in core fails here, not silently.
  it('finds core\'s gradient buffer where it expects it', () => {
    const a = new MLArray([1, 2, 3]);
    a.mul(a).sum().backward();
    expect((a as unknown as { _grad: unknown })._grad).toBeInstanceOf(Float64Array);
    expect((a as unknown as { _gradView: unknown })._gradView).toBeNull();
    void a.grad;
    expect((a as unknown as { _gradView: unknown })._gradView).toBe(a.grad);
  });
});
