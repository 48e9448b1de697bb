import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { zeros } from '@smolml/core';

// The estimates against reality: `node --expose-gc` children build each structure,
// measure the heap it keeps with measureHeap (median of 7 runs after unmeasured warm-up
// runs, each after forced garbage collection) and report it beside the estimate.
// Separate processes keep jest's own allocations out of the measurement; the three
// groups (float64, float32, other) run in parallel. The tolerance is 3% (issue 10); on
// Node 20 every case lands within 0.3%.
//
// The children run with `--no-opt`. Optimised code that V8 installs during a measured
// run is counted in `heapUsed` although it belongs to no result, and a function that
// keeps deoptimising (core's float32 add did, 19 times in 31 calls) adds tens of
// kilobytes to most runs: the graph cases then measured 3–7% high. Without the
// optimising compiler every object is laid out the same and the samples agree to 0.1%.
interface Result {
  estimate: number;
  measured: number;
  samples: number[];
  gcExposed: boolean;
}

const TOLERANCE = 0.03;
const GROUPS = ['float64', 'float32', 'other'] as const;
const HAS_FLOAT32 = zeros([1], { dtype: 'float32' }).dtype === 'float32';

function measure(group: string): Promise<Record<string, Result>> {
  const script = path.join(__dirname, 'support', 'heap-agreement.cjs');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '--no-opt', script, group], { encoding: 'utf8', timeout: 560_000, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`heap-agreement.cjs ${group} failed: ${err.message}\n${stderr}`));
      resolve((JSON.parse(stdout) as { results: Record<string, Result> }).results);
    });
  });
}

const cases = (tag: string): string[] => [
  `10000 arrays of 100${tag}`,
  `10000 arrays of 100 with gradients${tag}`,
  `10000 arrays of 4 (bytes on the V8 heap)${tag}`,
  `10000 arrays of 4 with gradients${tag}`,
  `10000 arrays of 7${tag}`,
  `784-128-10 network with Adam state${tag}`,
  `graph of a forward pass (activations)${tag}`,
  `graph after backward (activations + gradients)${tag}`,
  `fused graph: gelu and logits cross-entropy (activations)${tag}`,
  `fused graph: gelu and logits cross-entropy after backward${tag}`,
];

describe('estimates agree with measured heap growth', () => {
  let results: Record<string, Result> = {};

  beforeAll(async () => {
    const parts = await Promise.all(GROUPS.map(measure));
    results = Object.assign({}, ...parts) as Record<string, Result>;
  }, 600_000);

  function check(name: string): void {
    const r = results[name];
    expect(r).toBeDefined();
    expect(r.gcExposed).toBe(true);
    expect(r.measured).toBeGreaterThan(0);
    const relative = Math.abs(r.estimate - r.measured) / r.measured;
    if (relative > TOLERANCE) {
      throw new Error(`${name}: estimate ${r.estimate} vs measured ${r.measured} (×${(r.estimate / r.measured).toFixed(3)}; samples ${r.samples.join(', ')})`);
    }
    expect(relative).toBeLessThanOrEqual(TOLERANCE);
  }

  it.each([...cases(''), '100000 Values', 'random forest of 8 trees of depth 10'])('%s: within 3%%', check);

  (HAS_FLOAT32 ? it.each : it.skip.each)(cases(' (float32)'))('%s: within 3%%', check);

  // Core's nested constructor once kept the parser's pushed shape array, whose 16 spare
  // slots (128 bytes an array) no JavaScript can see; it now freezes an exact copy.
  it.each(['10000 arrays of 100 from nested lists', '10000 arrays of 100 from nested lists (float32)'])('%s: within 3%%', check);
});
