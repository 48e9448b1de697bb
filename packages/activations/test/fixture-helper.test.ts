// The shared fixture helper (test-support/fixture.ts, used by several packages' suites)
// must be able to fail: these pin what it accepts and what it rejects.
import { ATOL, expectClose, expectShape, typedData } from '../../../test-support/fixture';

describe('expectClose', () => {
  const want = { shape: [3], data: [1, -2, 0] };

  it('accepts values within rtol·|expected| + ATOL', () => {
    expect(() => expectClose('c', 'out', [1 + 0.9e-9, -2 - 1.8e-9, ATOL / 2], want, 1e-9)).not.toThrow();
  });

  it('rejects a value just outside, NaN, and a wrong length, naming the case and the worst element', () => {
    expect(() => expectClose('c', 'out', [1, -2 - 3e-9, 0], want, 1e-9)).toThrow(/^c: out: 1\/3 elements off \(rtol 1e-9\); worst at flat 1: expected -2, actual -2.000000003$/);
    expect(() => expectClose('c', 'out', [NaN, -2, 0], want, 1e-9)).toThrow(/worst at flat 0/);
    expect(() => expectClose('c', 'out', [1, -2], want, 1e-9)).toThrow(/has 2 elements, expected 3/);
  });

  it('measures float32 errors against max(|expected|, scale)', () => {
    const cancelled = { shape: [2], data: [0, 1e-3], scale: [10, 0] };
    expect(() => expectClose('c', 'out', [9e-5, 1e-3 + 9e-9], cancelled, 1e-5)).not.toThrow();
    expect(() => expectClose('c', 'out', [2e-4, 1e-3], cancelled, 1e-5)).toThrow(/expected 0 \(scale 10\), actual 0.0002/);
    expect(() => expectClose('c', 'out', [0, 1e-3 + 2e-8], cancelled, 1e-5)).toThrow(/worst at flat 1/);
    expect(() => expectClose('c', 'out', [0, 0], { shape: [2], data: [0, 0], scale: [1] }, 1e-5)).toThrow(/scale has 1 elements/);
  });
});

describe('typedData and expectShape', () => {
  it('convert exactly, and refuse a float32 fixture datum that is not a float32 value', () => {
    expect(typedData({ shape: [2], data: [0.1, 2] })).toEqual(Float64Array.from([0.1, 2]));
    expect(typedData({ shape: [1], data: [Math.fround(0.1)] }, 'float32')).toEqual(Float32Array.from([0.1]));
    expect(() => typedData({ shape: [1], data: [0.1] }, 'float32')).toThrow(/0.1 at flat 0 is not a float32 value/);
  });

  it('expectShape names both shapes', () => {
    expect(() => expectShape('c', 'out', [2, 3], [2, 3])).not.toThrow();
    expect(() => expectShape('c', 'out', [2], [2, 1])).toThrow('c: out shape is [2], expected [2,1]');
  });
});
