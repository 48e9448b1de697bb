// @ts-check
/* global self, fetch, performance */
// The training worker: loads the digits and settings, trains (trainer.js) and reports to
// the page. Messages it posts, each `{ type, ... }`:
//   ready   { trainCount, testCount, config }          digits decoded, training starts
//   batch   { epoch, step, seen, total, loss, accuracy } every few steps (loss and accuracy smoothed)
//   memory  { report }                                 memoryReport of model + optimizer, after the first step
//   epoch   { stats, weights: Uint8Array }             after each epoch; weights as safetensors bytes (transferred)
//   done    { seconds }
//   error   { message }
// The page restarts a run by terminating this worker and starting a new one.
import { memoryReport } from '@smolml/memory';
import { decodeDigits } from './digits.js';
import { layersToBytes } from './network.js';
import { train } from './trainer.js';

/** How many steps between batch reports: often enough for a smooth chart, few enough to stay cheap. */
const REPORT_EVERY = 5;
/** The weight of each new step in the smoothed curves. */
const SMOOTHING = 0.05;

const post = (/** @type {Record<string, unknown>} */ message, /** @type {Transferable[]} */ transfer = []) => self.postMessage(message, { transfer });

/** @param {string} url */
async function fetchOk(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

async function run() {
  const started = performance.now();
  const [config, buffer] = await Promise.all([
    fetchOk('/config.json').then((r) => r.json()),
    fetchOk('/digits.bin').then((r) => r.arrayBuffer()),
  ]);
  const { train: trainSet, test } = decodeDigits(buffer);
  post({ type: 'ready', trainCount: trainSet.count, testCount: test.count, config });
  // The chart shows each step's loss and accuracy smoothed (an exponential moving
  // average over steps); a single batch of 64 is too noisy to read.
  let loss = NaN, accuracy = NaN;
  train(trainSet, test, config, {
    onBatch: (r, model) => {
      if (r.step === 1) post({ type: 'memory', report: memoryReport(model) });
      loss = r.step === 1 ? r.loss : loss + SMOOTHING * (r.loss - loss);
      accuracy = r.step === 1 ? r.accuracy : accuracy + SMOOTHING * (r.accuracy - accuracy);
      if (r.step % REPORT_EVERY === 0 || r.seen === r.total) post({ type: 'batch', ...r, loss, accuracy });
    },
    onEpoch: (stats, model) => {
      const weights = layersToBytes(model.layers, { epoch: String(stats.epoch), testAccuracy: stats.testAccuracy.toFixed(4) });
      post({ type: 'epoch', stats, weights }, [weights.buffer]);
    },
  });
  post({ type: 'done', seconds: (performance.now() - started) / 1000 });
}

run().catch((/** @type {Error} */ e) => post({ type: 'error', message: e.stack ?? String(e) }));
