import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// State never keeps a dead parameter alive. A `node --expose-gc` child (jest's process
// cannot force collections) steps each optimizer 1000 times over a long-lived parameter
// and a fresh 1000-element array per step that is dropped at once, then reports the
// memory left and the state listed. Kept, the fresh arrays would hold 16 MB (data and
// gradient) plus the optimizer's buffers for them.
interface Run {
  inJob: number;
  after: number;
  entries: number;
  arrays: number;
  keptShape: number[];
  dtype: string;
}
type Report = Record<string, Run> & { gcExposed: boolean; steps: number; bytesPerStepIfKept: number; order: { shapes: number[] } };

let report: Report;
beforeAll(() => {
  const script = path.join(__dirname, 'support', 'weak-state.cjs');
  const child = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 170_000 });
  if (child.status !== 0) throw new Error(`weak-state.cjs failed (${child.status}): ${child.stderr}`);
  report = JSON.parse(child.stdout) as Report;
}, 180_000);

// 1000 fresh arrays would keep 16 MB; what is left is the optimizer's bookkeeping and noise.
const BOUND = 2 * 1024 * 1024;

test.each([
  ['SGD', 0],
  ['SGDMomentum', 1],
  ['AdaGrad', 1],
  ['Adam', 2],
  ['AdamW', 2],
  ['RMSProp', 3],
  ['Adam float32', 2],
])('%s: 1000 steps of fresh arrays leave bounded memory and only the live parameter in the state', (name, buffers) => {
  expect(report.gcExposed).toBe(true);
  const r = report[name];
  expect(report.steps * report.bytesPerStepIfKept).toBeGreaterThan(4 * BOUND);
  expect(r.after).toBeLessThan(BOUND);
  expect(r.entries).toBe(1);
  expect(r.keptShape).toEqual([1000]);
  expect(r.arrays).toBe(buffers);
  expect(r.dtype).toBe(name.endsWith('float32') ? 'float32' : 'float64');
});

test('stateless SGD keeps no stepped array alive, even before the synchronous job ends', () => {
  expect(report['SGD in one job'].inJob).toBeLessThan(BOUND / 2);
  expect(report['SGD in one job'].after).toBeLessThan(BOUND);
});

test('within one job Adam holds at most the dead parameters\' moment buffers, never the parameters; after it, nothing', () => {
  // JavaScript keeps a WeakRef's target alive until the current job ends, and state must
  // be reachable for stateDict(), so the buffers go with the job; the parameters at once.
  const buffersOnly = 2 * 8 * 1000 * report.steps;
  expect(report['Adam in one job'].inJob).toBeLessThan(1.05 * buffersOnly);
  expect(report['Adam in one job'].after).toBeLessThan(BOUND);
});

test('stateDict lists the live parameters in first-step order after one in the middle died', () => {
  expect(report.order.shapes).toEqual([2, 4]);
});
