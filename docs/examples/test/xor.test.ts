// The XOR comparison: every optimizer learns XOR from the same starting weights.
import { XOR_X, XOR_Y, compareOptimizers } from '../src/xor/compare';

test('SGD, SGDMomentum, AdaGrad and Adam each learn XOR in 100 steps from the same start', () => {
  const runs = compareOptimizers(100, 42);
  expect(runs.map((r) => r.label)).toEqual(['SGD', 'SGDMomentum', 'AdaGrad', 'Adam']);
  const start = runs[0].losses[0];
  for (const r of runs) {
    expect(r.losses).toHaveLength(100);
    expect(r.losses[0]).toBe(start); // same weights before the first step
    expect(r.losses[99]).toBeLessThan(0.05);
    expect(r.losses[99]).toBeLessThan(start / 10);
    // Each output on the right side of 0.5.
    r.outputs.forEach((o, i) => expect(o > 0.5).toBe(XOR_Y.data[i] === 1));
  }
  expect(XOR_X.shape).toEqual([4, 2]);
});

test('the same seed gives the same curves', () => {
  expect(compareOptimizers(20, 7)).toEqual(compareOptimizers(20, 7));
});
