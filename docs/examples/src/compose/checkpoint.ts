// Checkpoints from which a run resumes exactly: the weights (current and best) as
// safetensors, and beside them, as JSON, everything else that decides what happens
// next: the optimizer's state (Adam's moments and step counts), the schedule's step,
// the batch-order generator's state and the early-stopping bookkeeping.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JsonNumber, type MLArray, decodeNumbers, encodeNumbers, fromSafetensors, toSafetensors } from '@smolml/core';
import type { OptimizerStateDict, SchedulerStateDict } from '@smolml/optimizers';
import type { Progress, Run } from './train';

/** state.json: all of a run but its arrays. */
interface SavedState {
  format: 'smolml-compose-checkpoint/1';
  /** Progress, with the best loss as a JSON-safe number (it starts as Infinity). */
  progress: Omit<Progress, 'bestValLoss'> & { bestValLoss: JsonNumber };
  optimizer: OptimizerStateDict;
  schedule: SchedulerStateDict;
  batchRng: number[];
}

/** Writes `file` whole or not at all: a crash while saving leaves the previous checkpoint. */
function writeAtomically(file: string, bytes: Uint8Array | string): void {
  writeFileSync(`${file}.partial`, bytes);
  renameSync(`${file}.partial`, file);
}

/** Saves `run` into `dir` (weights.safetensors and state.json); returns their sizes in bytes. */
export function saveCheckpoint(run: Run, dir: string): { weights: number; state: number } {
  mkdirSync(dir, { recursive: true });
  const tensors: Record<string, MLArray> = {};
  run.params.forEach(([name, p], i) => {
    tensors[`model.${name}`] = p;
    tensors[`best.${name}`] = run.best[i];
  });
  const weights = toSafetensors(tensors, { epoch: String(run.progress.epoch) });
  const saved: SavedState = {
    format: 'smolml-compose-checkpoint/1',
    progress: { ...run.progress, bestValLoss: encodeNumbers([run.progress.bestValLoss])[0] },
    optimizer: run.optimizer.stateDict(),
    schedule: run.schedule.stateDict(),
    batchRng: run.batchRng.getState(),
  };
  const state = JSON.stringify(saved);
  writeAtomically(join(dir, 'weights.safetensors'), weights);
  writeAtomically(join(dir, 'state.json'), state);
  return { weights: weights.length, state: Buffer.byteLength(state) };
}

/**
 * Loads a checkpoint into `run`, a run built the usual way (its own fresh weights and
 * optimizer): every array is overwritten in place (`assign` keeps the arrays the
 * optimizer knows), then the optimizer, schedule, generator and progress are restored.
 */
export function loadCheckpoint(run: Run, dir: string): void {
  const { tensors } = fromSafetensors(readFileSync(join(dir, 'weights.safetensors')));
  const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as SavedState;
  if (saved.format !== 'smolml-compose-checkpoint/1') throw new Error(`loadCheckpoint: ${dir}/state.json is not a checkpoint of this example`);
  const tensor = (name: string): MLArray => {
    const t = tensors[name];
    if (t === undefined) throw new Error(`loadCheckpoint: ${dir}/weights.safetensors has no tensor '${name}'`);
    return t;
  };
  run.params.forEach(([name, p], i) => {
    p.assign(tensor(`model.${name}`));
    run.best[i].assign(tensor(`best.${name}`));
  });
  // Matched to the parameters at once, shapes checked; a run saved before its first step has no state yet.
  run.optimizer.loadStateDict(saved.optimizer, saved.optimizer.state.length > 0 ? run.params.map(([, p]) => p) : undefined);
  run.schedule.loadStateDict(saved.schedule); // after the optimizer: it sets the learning rate
  run.batchRng.setState(saved.batchRng);
  run.progress = { ...saved.progress, bestValLoss: decodeNumbers([saved.progress.bestValLoss], 'float64', 'loadCheckpoint')[0] };
}
