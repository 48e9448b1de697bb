// @ts-check
/* global document, window, performance, console, Worker */
// The page: starts the training worker, draws its progress, and reads the digit on the
// pad with the latest weights the worker sent. State for tests and the curious:
// `document.body.dataset.state` (loading, training, done, error) and `window.smolml`.
import { formatSize } from '@smolml/memory';
import { createBars } from './bars.js';
import { createChart } from './chart.js';
import { classify, layersFromBytes } from './network.js';
import { createPad } from './pad.js';
import { FRAME, inkOf, prepareDigit } from './preprocess.js';

/** @typedef {import('./network.js').Layer} Layer */
/** @typedef {import('./trainer.js').EpochReport} EpochReport */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const int = new Intl.NumberFormat('en-US');

const ui = {
  setup: $('setup'),
  progress: $('progress'),
  progressFill: $('progress-fill'),
  progressText: $('progress-text'),
  accuracy: $('accuracy'),
  accuracyNote: $('accuracy-note'),
  loss: $('loss'),
  epoch: $('epoch'),
  speed: $('speed'),
  prediction: $('prediction'),
  confidence: $('confidence'),
  weightsNote: $('weights-note'),
  memory: $('memory'),
  seen: /** @type {HTMLCanvasElement} */ ($('seen')),
};

const state = {
  /** @type {Worker | null} */ worker: null,
  epochs: 6,
  trainCount: 0,
  testCount: 0,
  /** @type {EpochReport[]} */ history: [],
  /** @type {Layer[] | null} the latest weights from the worker */ layers: null,
  started: 0,
  trainPoints: { loss: /** @type {{x: number, y: number}[]} */ ([]), accuracy: /** @type {{x: number, y: number}[]} */ ([]) },
};

/** The page's state for the test and the console. */
const exposed = { history: state.history, seconds: NaN, prediction: /** @type {number | null} */ (null) };
Object.assign(window, { smolml: exposed });

const lossChart = createChart(/** @type {SVGSVGElement} */ (/** @type {unknown} */ ($('loss-chart'))), {
  xMax: state.epochs,
  yRange: (v) => [0, v.length === 0 ? 2.5 : Math.max(0.5, Math.ceil(Math.max(...v) * 2) / 2)],
  format: (y) => y.toFixed(1),
});
const accuracyChart = createChart(/** @type {SVGSVGElement} */ (/** @type {unknown} */ ($('accuracy-chart'))), {
  xMax: state.epochs,
  // The top fifth, where the epochs differ; the first steps (from 10%) enter from below.
  yRange: () => [0.8, 1],
  format: (y) => y.toFixed(2),
});
const showBars = createBars($('probabilities'));

function redrawCharts() {
  const test = (/** @type {'testLoss' | 'testAccuracy'} */ key) => state.history.map((h) => ({ x: h.epoch, y: h[key] }));
  lossChart.update(state.trainPoints.loss, test('testLoss'));
  accuracyChart.update(state.trainPoints.accuracy, test('testAccuracy'));
}

/** @param {number} fraction of the whole run, @param {string} text */
function setProgress(fraction, text) {
  const pct = Math.round(1000 * fraction) / 10;
  ui.progressFill.style.width = `${pct}%`;
  ui.progress.setAttribute('aria-valuenow', String(pct));
  ui.progressText.textContent = text;
}

// The drawing pad and what the network reads on it.
const pad = createPad(/** @type {HTMLCanvasElement} */ ($('pad')), { onStroke: () => predict() });
const seenCtx = /** @type {CanvasRenderingContext2D} */ (ui.seen.getContext('2d'));

/** Shows the 28×28 input (or a blank one) in the preview canvas. */
function showSeen(/** @type {Float64Array | null} */ image) {
  const img = seenCtx.createImageData(FRAME, FRAME);
  for (let i = 0; i < FRAME * FRAME; i++) {
    const v = image === null ? 0 : Math.round(255 * image[i]);
    img.data.set([v, v, v, 255], 4 * i);
  }
  seenCtx.putImageData(img, 0, 0);
}

function predict() {
  const image = pad.isEmpty() ? null : prepareDigit(inkOf(pad.image()), 280, 280);
  showSeen(image);
  if (image === null) {
    ui.prediction.textContent = '?';
    ui.prediction.classList.remove('ready');
    ui.confidence.textContent = 'draw something';
    showBars(null);
    exposed.prediction = null;
    return;
  }
  if (state.layers === null) {
    ui.prediction.textContent = '…';
    ui.confidence.textContent = 'ready after the first epoch';
    return;
  }
  const p = classify(state.layers, image);
  let best = 0;
  for (let d = 1; d < 10; d++) if (p[d] > p[best]) best = d;
  ui.prediction.textContent = String(best);
  ui.prediction.classList.add('ready');
  ui.confidence.textContent = `${(100 * p[best]).toFixed(p[best] > 0.999 ? 1 : 0)}% sure`;
  showBars(p);
  exposed.prediction = best;
}

$('clear').addEventListener('click', () => {
  pad.clear();
  predict();
});

/** @param {MessageEvent} e */
function onMessage(e) {
  const m = e.data;
  switch (m.type) {
    case 'ready': {
      state.epochs = m.config.epochs;
      state.trainCount = m.trainCount;
      state.testCount = m.testCount;
      ui.setup.textContent =
        `Training on ${int.format(m.trainCount)} MNIST digits, testing on ${int.format(m.testCount)} others: ` +
        `${m.config.epochs} epochs, batches of ${m.config.batchSize}, Adam (learning rate ${m.config.learningRate}), seed ${m.config.seed}.`;
      document.body.dataset.state = 'training';
      break;
    }
    case 'batch': {
      const x = m.epoch - 1 + m.seen / m.total;
      state.trainPoints.loss.push({ x, y: m.loss });
      state.trainPoints.accuracy.push({ x, y: m.accuracy });
      ui.loss.textContent = m.loss.toFixed(4);
      ui.epoch.textContent = `${m.epoch} / ${state.epochs}`;
      setProgress(x / state.epochs, `epoch ${m.epoch} of ${state.epochs} · ${int.format(m.seen)} / ${int.format(m.total)} digits`);
      redrawCharts();
      break;
    }
    case 'memory':
      ui.memory.textContent = m.report;
      break;
    case 'epoch': {
      /** @type {EpochReport} */
      const s = m.stats;
      state.history.push(s);
      ui.accuracy.textContent = s.testAccuracy.toFixed(4);
      ui.accuracyNote.textContent = `epoch ${s.epoch}, on ${int.format(state.testCount)} unseen digits`;
      ui.loss.textContent = s.trainLoss.toFixed(4);
      ui.speed.textContent = `${(s.seconds).toFixed(1)} s · ${int.format(Math.round(state.trainCount / s.seconds))} digits/s`;
      state.layers = layersFromBytes(m.weights).layers;
      ui.weightsNote.textContent = `Reading with the weights after epoch ${s.epoch} of ${state.epochs}: ${formatSize(m.weights.byteLength)} of safetensors from the worker.`;
      redrawCharts();
      if (!pad.isEmpty()) predict();
      break;
    }
    case 'done':
      exposed.seconds = (performance.now() - state.started) / 1000;
      setProgress(1, `done: ${state.epochs} epochs in ${exposed.seconds.toFixed(1)} s`);
      document.body.dataset.state = 'done';
      break;
    case 'error':
      fail(m.message);
      break;
  }
}

/** @param {string} message */
function fail(message) {
  document.body.dataset.state = 'error';
  ui.setup.textContent = `Training failed: ${message}`;
  ui.setup.classList.add('error');
  console.error(`SmolML web demo: ${message}`);
}

/** Starts a fresh run, stopping the one in progress. */
function start() {
  state.worker?.terminate();
  state.history.length = 0;
  state.trainPoints.loss.length = 0;
  state.trainPoints.accuracy.length = 0;
  state.layers = null;
  state.started = performance.now();
  exposed.seconds = NaN;
  document.body.dataset.state = 'loading';
  ui.setup.classList.remove('error');
  ui.setup.textContent = 'Loading the MNIST digits…';
  ui.accuracy.textContent = '–';
  ui.accuracyNote.textContent = 'on 2,000 unseen digits';
  ui.loss.textContent = '–';
  ui.epoch.textContent = '–';
  ui.speed.innerHTML = '&nbsp;';
  ui.weightsNote.textContent = 'Waiting for the first epoch’s weights…';
  setProgress(0, 'starting…');
  redrawCharts();
  predict();
  const worker = new Worker('/worker/train-worker.js', { type: 'module' });
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', (e) => fail(e.message || 'the training worker could not start'));
  state.worker = worker;
}

$('train').addEventListener('click', start);
start();
