import { formatSize } from '../src';

describe('formatSize', () => {
  it('prints 1024-based units with two decimals', () => {
    expect(formatSize(0)).toBe('0.00 B');
    expect(formatSize(512)).toBe('512.00 B');
    expect(formatSize(1023)).toBe('1023.00 B');
    expect(formatSize(1024)).toBe('1.00 KB');
    expect(formatSize(1536)).toBe('1.50 KB');
    expect(formatSize(5 * 1024 ** 2)).toBe('5.00 MB');
    expect(formatSize(3.25 * 1024 ** 3)).toBe('3.25 GB');
    expect(formatSize(2 * 1024 ** 4)).toBe('2.00 TB');
  });

  it('stays in TB past 1024 TB, in plain digits however large', () => {
    expect(formatSize(2048 * 1024 ** 4)).toBe('2048.00 TB');
    expect(formatSize(1e40)).toMatch(/^\d{28}\.\d\d TB$/);
    expect(formatSize(Number.MAX_VALUE)).toMatch(/^\d+\.\d\d TB$/);
  });

  it('moves to the next unit when rounding would print 1024', () => {
    expect(formatSize(1023.999)).toBe('1.00 KB');
    expect(formatSize(1024 ** 2 - 1)).toBe('1.00 MB');
  });

  it('accepts fractional byte counts (averages)', () => {
    expect(formatSize(0.5)).toBe('0.50 B');
  });

  it('rejects negative, non-finite and non-number input', () => {
    expect(() => formatSize(-1)).toThrow(RangeError);
    expect(() => formatSize(-1)).toThrow(/non-negative/);
    expect(() => formatSize(NaN)).toThrow(RangeError);
    expect(() => formatSize(Infinity)).toThrow(/finite/);
    expect(() => formatSize('12' as unknown as number)).toThrow(TypeError);
    expect(() => formatSize(null as unknown as number)).toThrow(/got null/);
  });
});
