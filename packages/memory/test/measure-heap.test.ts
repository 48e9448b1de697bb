import { zeros } from '@smolml/core';
import { measureHeap } from '../src';

// Exact agreement with the estimates is tested in a `node --expose-gc` child process
// (heap-agreement.test.ts); here, the contract of the function itself.
describe('measureHeap', () => {
  const hadGc = 'gc' in globalThis;

  it('returns the result and the median of its samples', () => {
    const m = measureHeap(() => zeros(1000), { runs: 3 });
    expect(m.result.size).toBe(1000);
    expect(m.samples).toHaveLength(3);
    const sorted = [...m.samples].sort((a, b) => a - b);
    expect(m.bytes).toBe(sorted[1]);
    expect(typeof m.heapUsed).toBe('number');
    expect(typeof m.external).toBe('number');
  });

  it('runs warm-up calls first without measuring them', () => {
    let calls = 0;
    const m = measureHeap(() => ++calls, { runs: 2, warmup: 3 });
    expect(calls).toBe(5);
    expect(m.samples).toHaveLength(2);
    expect(m.result).toBe(5);
  });

  it('says so when garbage collection cannot be forced', () => {
    if (hadGc) return expect(measureHeap(() => 1).gcExposed).toBe(true);
    const m = measureHeap(() => 1);
    expect(m.gcExposed).toBe(false);
    expect(m.warning).toMatch(/--expose-gc/);
  });

  it('uses globalThis.gc when it exists, before and after every run, until memory settles', () => {
    const calls: number[] = [];
    const saved = (globalThis as { gc?: unknown }).gc;
    (globalThis as { gc?: unknown }).gc = () => calls.push(1);
    try {
      const m = measureHeap(() => 0, { runs: 2 });
      expect(m.gcExposed).toBe(true);
      expect(m.warning).toBeUndefined();
      // a stub gc frees nothing: the second reading already matches the first
      expect(calls).toHaveLength(2 * 2 * 2);
    } finally {
      if (saved === undefined) delete (globalThis as { gc?: unknown }).gc;
      else (globalThis as { gc?: unknown }).gc = saved;
    }
  });

  it('rejects bad input', () => {
    expect(() => measureHeap(42 as unknown as () => number)).toThrow(TypeError);
    expect(() => measureHeap(() => 1, { runs: 0 })).toThrow(RangeError);
    expect(() => measureHeap(() => 1, { runs: 1.5 })).toThrow(/positive integer/);
    expect(() => measureHeap(() => 1, { warmup: -1 })).toThrow(/warmup must be a non-negative integer/);
    expect(() => measureHeap(() => Promise.resolve(1))).toThrow(/promise/);
  });
});
