// docs/composing-your-stack.md and its program (src/compose/): the printed output is the
// guide's, every code block of the guide is the program's code, and the checkpoint
// really carries what exact resume needs (leave one piece out and the numbers change).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MLArray, Rng, toSafetensors, zeros } from '@smolml/core';
import { loadCheckpoint, saveCheckpoint } from '../src/compose/checkpoint';
import { spirals } from '../src/compose/data';
import { runExample } from '../src/compose/example';
import { namedParameters } from '../src/compose/layers';
import { CONFIG, Run, formatEpoch } from '../src/compose/train';
import { REPO_ROOT } from './support/repo';

const guide = readFileSync(join(REPO_ROOT, 'docs', 'composing-your-stack.md'), 'utf8');
const SRC = join(__dirname, '..', 'src', 'compose');
const data = spirals(200, 120, new Rng(CONFIG.seed));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'smolml-compose-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('prints exactly the output the guide shows, ending in two yeses', () => {
  const lines: string[] = [];
  runExample((l) => lines.push(l));
  const shown = /## 6\. Exact resume[\s\S]*?```text\n([\s\S]*?)```/.exec(guide);
  expect(shown).not.toBeNull();
  expect(lines.join('\n') + '\n').toBe(shown?.[1]);
  expect(lines.slice(-2).map((l) => l.split(': ').pop())).toEqual(['yes', 'yes']);
});

test("every code block of the guide is the program's code, verbatim", () => {
  const sources = readdirSync(SRC).map((f) => readFileSync(join(SRC, f), 'utf8')).join('\n');
  const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThanOrEqual(8);
  for (const b of blocks) expect(sources).toContain(b);
});

/** Trains `epochs` epochs of a fresh run and saves a checkpoint; returns the folder. */
function checkpointAfter(epochs: number, name: string): string {
  const run = new Run(data.train, data.val);
  run.trainUntil(epochs, () => undefined);
  const at = join(dir, name);
  saveCheckpoint(run, at);
  return at;
}

/** The epoch lines of a run loaded from `at` and trained `more` epochs. */
function resume(at: string, more: number, tamper: (run: Run) => void = () => undefined): string[] {
  const run = new Run(data.train, data.val, 999);
  loadCheckpoint(run, at);
  tamper(run);
  const lines: string[] = [];
  run.trainUntil(run.progress.epoch + more, (log) => lines.push(formatEpoch(log)));
  return lines;
}

describe('what a checkpoint must carry', () => {
  let at: string;
  let straight: string[];
  beforeAll(() => {
    at = checkpointAfter(3, 'epoch-3');
    const run = new Run(data.train, data.val);
    const lines: string[] = [];
    run.trainUntil(6, (log) => lines.push(formatEpoch(log)));
    straight = lines.slice(3);
  });

  test('everything in it: the resumed epochs are the uninterrupted ones', () => {
    expect(resume(at, 3)).toEqual(straight);
  });

  test.each([
    ['the batch-order Rng', (r: Run) => r.batchRng.setState(new Rng(1).getState())],
    ["Adam's state", (r: Run) => r.optimizer.loadStateDict(new Run(data.train, data.val).optimizer.stateDict())],
    ["the schedule's step", (r: Run) => r.schedule.loadStateDict({ ...r.schedule.stateDict(), lastStep: 0 })],
  ])('without %s the numbers change', (_what, tamper) => {
    const lines = resume(at, 3, tamper);
    expect(lines).toHaveLength(3);
    expect(lines).not.toEqual(straight);
  });

  test('a checkpoint before the first epoch keeps the best loss Infinity through JSON', () => {
    const fresh = checkpointAfter(0, 'epoch-0');
    expect(JSON.parse(readFileSync(join(fresh, 'state.json'), 'utf8')).progress.bestValLoss).toBe('Infinity');
    const run = new Run(data.train, data.val, 5);
    loadCheckpoint(run, fresh);
    expect(run.progress.bestValLoss).toBe(Infinity);
  });

  test('a weights file without one of the tensors is an error that names it', () => {
    const broken = checkpointAfter(1, 'broken');
    const run = new Run(data.train, data.val);
    const only = Object.fromEntries(run.params.slice(1).map(([n, p]) => [`model.${n}`, p]));
    writeFileSync(join(broken, 'weights.safetensors'), toSafetensors(only));
    expect(() => loadCheckpoint(new Run(data.train, data.val), broken)).toThrow("has no tensor 'model.layers.0.weights'");
  });
});

describe('namedParameters', () => {
  test('names every trainable array by its path, once, and skips data', () => {
    const shared = zeros(2, 2);
    const module = {
      encoder: { weights: shared, scale: new MLArray([1]) },
      blocks: [{ w: zeros(1, 3) }, { w: zeros(3, 1), tied: shared }],
      buffer: zeros([4], { requiresGrad: false }),
      rng: new Rng(0),
      pixels: new Float64Array(3),
    };
    expect(namedParameters(module).map(([n]) => n)).toEqual(['encoder.weights', 'encoder.scale', 'blocks.0.w', 'blocks.1.w']);
  });
});
