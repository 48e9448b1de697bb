// What the web page trains, taken from the CLI demo's defaults so that the page and
// `npm run demo` train the same network the same way. Served to the page as /config.json.
import { DEFAULTS, DEFAULT_LEARNING_RATES } from '../mnist/train';
import { TRAIN_SIZE } from './digits-file';

/** The settings of the page's training run (Adam, float64, as the CLI's defaults). */
export interface WebTrainConfig {
  epochs: number;
  hidden: number;
  learningRate: number;
  seed: number;
  batchSize: number;
  trainSize: number;
}

/**
 * The CLI demo's defaults with Adam's learning rate, e.g. `{ epochs: 6, hidden: 128,
 * learningRate: 0.002, seed: 0, batchSize: 64, trainSize: 8000 }`.
 */
export function webTrainConfig(): WebTrainConfig {
  return {
    epochs: DEFAULTS.epochs,
    hidden: DEFAULTS.hidden,
    learningRate: DEFAULT_LEARNING_RATES.adam,
    seed: DEFAULTS.seed,
    batchSize: DEFAULTS.batchSize,
    trainSize: TRAIN_SIZE,
  };
}
