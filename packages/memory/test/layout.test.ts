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

  it('validates every field of a layout, naming the function', () => {
    const fn = calculateMLArraySize as (a: MLArray, o: unknown) => number;
    expect(() => fn(zeros(2), null)).toThrow(/calculateMLArraySize: options must be an object/);
    expect(() => fn(zeros(2), { layout: 'full' })).toThrow(TypeError);
    expect(() => fn(zeros(2), { layout: { ...FULL_POINTERS, jsArray: '32' } })).toThrow(/calculateMLArraySize: options.layout.jsArray must be a number/);
    expect(() => fn(zeros(2), { layout: { ...FULL_POINTERS, recordedNode: -1 } })).toThrow(RangeError);
    expect(() => fn(zeros(2), { layout: { ...FULL_POINTERS, typedArray: NaN } })).toThrow(/whole number of bytes/);
    expect(fn(zeros(2), { layout: { ...FULL_POINTERS } })).toBe(calculateMLArraySize(zeros(2), { layout: FULL_POINTERS }));
  });

  it('models one recorded node\'s closure as one constant, half as large with compressed pointers', () => {
    expect(FULL_POINTERS.recordedNode % FULL_POINTERS.alignment).toBe(0);
    expect(COMPRESSED_POINTERS.recordedNode).toBe(FULL_POINTERS.recordedNode / 2);
  });
});
