// The demo's pieces on a small budget: the data, a short seeded training run (accuracy
// and determinism, not timing), and the report helpers.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSize } from '@smolml/memory';
import { CLASSES, PIXELS, loadDigits, pick, split } from '../src/mnist/data';
import { ProgressBar, bar, duration } from '../src/mnist/progress';
import { formatConfusion, trainingPlot } from '../src/mnist/report';
import { DEFAULTS, type TrainResult, confusionMatrix, trainMnist } from '../src/mnist/train';
import { float32Saving } from '../src/mnist/cli';

const all = loadDigits();
const { train: trainSet, test: testSet } = split(all, 8000);
const first = (n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => i);

describe('the digits', () => {
  test('are the 10,000 of the mnist package, 784 pixels in [0, 1] each, every class present', () => {
    expect(all.count).toBe(10000);
    expect(all.images.length).toBe(10000 * PIXELS);
    let lo = Infinity, hi = -Infinity;
    for (const v of all.images) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    expect(lo).toBe(0);
    expect(hi).toBeLessThanOrEqual(1);
    const perClass = new Array<number>(CLASSES).fill(0);
    for (const l of all.labels) perClass[l]++;
    expect(perClass.reduce((a, b) => a + b, 0)).toBe(10000);
    for (const n of perClass) expect(n).toBeGreaterThan(800);
  });

  test('split into 8,000 and 2,000 that share no digit and together hold every one', () => {
    expect(trainSet.count).toBe(8000);
    expect(testSet.count).toBe(2000);
    // Each image as a string key: the two halves together are exactly the whole set.
    const key = (images: Float64Array, i: number): string => images.subarray(i * PIXELS, (i + 1) * PIXELS).join();
    const count = new Map<string, number>();
    for (let i = 0; i < all.count; i++) count.set(key(all.images, i), (count.get(key(all.images, i)) ?? 0) + 1);
    for (const set of [trainSet, testSet]) {
      for (let i = 0; i < set.count; i++) {
        const k = key(set.images, i);
        expect(count.get(k)).toBeGreaterThan(0);
        count.set(k, (count.get(k) ?? 0) - 1);
      }
    }
    expect([...count.values()].every((c) => c === 0)).toBe(true);
  });

  test('the split is the same every time', () => {
    const again = split(all, 8000);
    expect(again.test.labels).toEqual(testSet.labels);
    expect(again.test.images).toEqual(testSet.images);
  });

  test('split rejects a training size that leaves no test digits', () => {
    expect(() => split(all, 10000)).toThrow(RangeError);
    expect(() => split(all, 0)).toThrow(/trainSize must be an integer/);
  });
});

describe('a short training run (one epoch on 2,000 digits)', () => {
  const small = pick(trainSet, first(2000));
  let a: TrainResult;
  beforeAll(() => {
    a = trainMnist(small, testSet, { ...DEFAULTS, epochs: 1 });
  });

  test('classifies more than 80% of the 2,000 test digits right', () => {
    expect(a.history).toHaveLength(1);
    expect(a.testAccuracy).toBeGreaterThan(0.8);
    const right = a.predictions.filter((p, i) => p === testSet.labels[i]).length;
    expect(right / testSet.count).toBe(a.testAccuracy);
  });

  test('gives exactly the same numbers again with the same seed, and other numbers with another', () => {
    const b = trainMnist(small, testSet, { ...DEFAULTS, epochs: 1 });
    const strip = (r: TrainResult): unknown => r.history.map(({ seconds: _s, samplesPerSecond: _r, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    expect(b.predictions).toEqual(a.predictions);
    expect(b.model.layers[0].weights.data).toEqual(a.model.layers[0].weights.data);
    const c = trainMnist(small, testSet, { ...DEFAULTS, epochs: 1, seed: 1 });
    expect(c.history[0].trainLoss).not.toBe(a.history[0].trainLoss);
  });

  test('the model is 784→128→10 with (fanIn, fanOut) weights', () => {
    expect(a.model.layers.map((l) => l.weights.shape)).toEqual([[784, 128], [128, 10]]);
    expect(a.model.layers.map((l) => l.biases.shape)).toEqual([[1, 128], [1, 10]]);
    expect(a.model.layers.map((l) => l.weights.dtype)).toEqual(['float64', 'float64']);
  });

  test('--dtype float32 trains in float32 from the same starting weights, as well, in half the bytes', () => {
    // 1,000 digits each way keeps it quick; float64 on the same digits is the yardstick.
    const train = pick(trainSet, first(1000)), test = pick(testSet, first(1000));
    const f = trainMnist(train, test, { ...DEFAULTS, epochs: 1, dtype: 'float32' });
    const d = trainMnist(train, test, { ...DEFAULTS, epochs: 1 });
    for (const l of f.model.layers) {
      expect(l.weights.data).toBeInstanceOf(Float32Array);
      expect(l.biases.data).toBeInstanceOf(Float32Array);
    }
    expect(f.testAccuracy).toBeGreaterThan(0.75);
    // Same digits, same seed: float32 rounding moves a few predictions at most.
    expect(Math.abs(f.testAccuracy - d.testAccuracy)).toBeLessThan(0.02);
    const params = 784 * 128 + 128 + 128 * 10 + 10;
    // Weights, gradients and Adam's two moments: 4 arrays of every parameter, 4 bytes each.
    const bytes = 4 * 4 * params;
    expect(float32Saving(f.model)).toBe(`float32 saves ${formatSize(bytes)}: its weights, gradients and optimizer state take ${formatSize(bytes)}, float64 would take ${formatSize(2 * bytes)}`);
  });
});

describe('reporting', () => {
  test('confusionMatrix counts (true, predicted) pairs and formatConfusion prints rows with recall', () => {
    const counts = confusionMatrix(Uint8Array.from([0, 0, 1, 2]), Uint8Array.from([0, 1, 1, 2]));
    expect(counts[0][0]).toBe(1);
    expect(counts[0][1]).toBe(1);
    expect(counts[1][1]).toBe(1);
    expect(counts.flat().reduce((s, c) => s + c, 0)).toBe(4);
    const text = formatConfusion(counts).split('\n');
    expect(text).toHaveLength(11);
    expect(text[1]).toMatch(/^\s+0\s+1\s+1(\s+0){8}\s+0\.500$/);
    expect(text[4]).toMatch(/ -$/); // digit 3 never occurs
  });

  test('trainingPlot stacks a loss and an accuracy chart in one SVG', () => {
    const h = [1, 2].map((epoch) => ({ epoch, trainLoss: 1 / epoch, trainAccuracy: 0.8, testLoss: 1, testAccuracy: 0.9, seconds: 1, samplesPerSecond: 1 }));
    const svg = trainingPlot(h, 'T');
    // Two panels of at least 300 px (a legend that finds no free corner adds a row below).
    const heights = [...svg.matchAll(/<svg [^>]*?width="640" height="(\d+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(3);
    expect(heights[0]).toBe(heights[1] + heights[2]);
    for (const panel of heights.slice(1)) expect(panel).toBeGreaterThanOrEqual(300);
    expect(svg).toContain('T: cross-entropy loss');
    expect(svg).toContain('T: accuracy');
  });

  test('the progress bar fills in eighths and the durations read well', () => {
    expect(bar(0, 4)).toBe('    ');
    expect(bar(1, 4)).toBe('████');
    expect(bar(0.5, 4)).toBe('██  ');
    expect(bar(1 / 32, 4)).toBe('▏   ');
    expect(duration(4.24)).toBe('4.2s');
    expect(duration(65)).toBe('1m05s');
  });

  test('without a terminal the bar prints one finished line per epoch and nothing live', () => {
    const lines: string[] = [];
    const progress = new ProgressBar(3, null, (l) => lines.push(l));
    progress.update({ epoch: 1, seen: 64, total: 8000, loss: 1, seconds: 0.1 });
    progress.epochDone({ epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, testLoss: 0.4, testAccuracy: 0.9125, seconds: 1.25, samplesPerSecond: 6400 }, 8000);
    expect(lines).toEqual([`epoch 1/3 │${'█'.repeat(24)}│ 8,000/8,000 · 6,400 samples/s · loss 0.5000 · 1.3s · test accuracy 0.9125`]);
  });

  test('on a terminal the live line is redrawn in place, with samples/s, loss and ETA', () => {
    let live = '';
    const progress = new ProgressBar(2, { write: (t: string) => (live += t) }, () => undefined);
    progress.update({ epoch: 2, seen: 4000, total: 8000, loss: 0.25, seconds: 0.5 });
    const ERASE_TO_END = '\x1b[K';
    expect(live).toBe(`\repoch 2/2 │${'█'.repeat(12)}${' '.repeat(12)}│ 4,000/8,000 · 8,000 samples/s · loss 0.2500 · ETA 0.5s${ERASE_TO_END}`);
  });
});

test('the full demo run in float32 reaches the float64 accuracy within 0.5 points', () => {
  // The built CLI in plain Node (jest's module system slows the training loop many times over).
  const script = join(__dirname, '..', 'dist', 'mnist.js');
  const accuracy = (dtype: string): number => {
    const r = spawnSync(process.execPath, [script, '--dtype', dtype, '--plot', join(tmpdir(), `smolml-${dtype}.svg`)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`demo --dtype ${dtype} failed: ${r.stderr}`);
    return Number(/test accuracy: ([\d.]+)\s*$/.exec(r.stdout)?.[1]);
  };
  const a64 = accuracy('float64'), a32 = accuracy('float32');
  expect(a64).toBeGreaterThan(0.94);
  expect(Math.abs(a32 - a64)).toBeLessThanOrEqual(0.005);
}, 240_000);
