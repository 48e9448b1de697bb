// The whole story of docs/composing-your-stack.md in one function: run A trains until
// early stopping; run B stops after a few epochs, saves a checkpoint, and a fresh run
// (built from another seed, so nothing carries over by accident) loads it and goes on.
// B's remaining epochs must be A's, line for line, and its final weights A's, bit for bit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, formatShape } from '@smolml/core';
import { formatSize } from '@smolml/memory';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { spirals } from './data';
import { CONFIG, Run, evaluate, formatEpoch } from './train';

/** The epoch after which run B is interrupted. */
export const STOP_AFTER = 8;

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** Runs the example, printing through `print`. Checkpoints go to a temporary folder, removed at the end. */
export function runExample(print: (line: string) => void): void {
  const { train, val } = spirals(200, 120, new Rng(CONFIG.seed));
  print(`Three spirals: ${train.count} training and ${val.count} validation points · ${CONFIG.sizes.join('→')} (ReLU) · Adam, lr ${CONFIG.learningRate}`);
  print(`warm-up ${CONFIG.warmupSteps} steps then cosine · batch ${CONFIG.batch} · clip at norm ${CONFIG.maxGradNorm} · stop after ${CONFIG.patience} epochs without a better validation loss`);
  const a = new Run(train, val);
  print(`parameters: ${a.params.map(([name, p]) => `${name} ${formatShape(p.shape)}`).join(', ')}`);

  print('\nRun A, from the start to early stopping (epochs 1–3, then every fifth and the last):');
  const linesA: string[] = [];
  a.trainUntil(CONFIG.maxEpochs, (log) => {
    linesA.push(formatEpoch(log));
    if (log.epoch <= 3 || log.epoch % 5 === 0 || a.progress.stopped) print(linesA[linesA.length - 1]);
  });
  const p = a.progress;
  print(`stopped after epoch ${p.epoch}: the best validation loss, ${p.bestValLoss.toFixed(4)}, was at epoch ${p.bestEpoch}`);
  a.restoreBest();
  print(`best weights restored: validation accuracy ${evaluate(a.model, val).accuracy.toFixed(3)}`);

  const dir = mkdtempSync(join(tmpdir(), 'smolml-compose-'));
  try {
    print(`\nRun B, interrupted after epoch ${STOP_AFTER}:`);
    const b = new Run(train, val);
    const linesB: string[] = [];
    b.trainUntil(STOP_AFTER, (log) => linesB.push(formatEpoch(log)));
    const size = saveCheckpoint(b, join(dir, `epoch-${STOP_AFTER}`));
    print(`checkpoint: weights.safetensors ${formatSize(size.weights)} (current and best weights), state.json ${formatSize(size.state)} (Adam, schedule, Rng, progress)`);

    // What a new process would do: build everything as usual (here from another seed,
    // so whatever the checkpoint failed to restore would show), then load.
    const resumed = new Run(train, val, 12345);
    loadCheckpoint(resumed, join(dir, `epoch-${STOP_AFTER}`));
    resumed.trainUntil(CONFIG.maxEpochs, (log) => linesB.push(formatEpoch(log)));
    resumed.restoreBest();
    a.restoreBest();
    const same = linesB.length === linesA.length && linesB.every((l, i) => l === linesA[i]);
    print(`resumed in a fresh run: epochs ${STOP_AFTER + 1}–${resumed.progress.epoch}, each line the same as run A's: ${same ? 'yes' : 'no'}`);
    const identical = resumed.params.every(([, w], i) => sameBits(w.data, a.params[i][1].data));
    print(`best weights, bit for bit the same as run A's: ${identical ? 'yes' : 'no'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
