import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, DEFAULT_LEARNING_RATES, OPTIMIZERS, type OptimizerName, type TrainOptions } from './train';

/** A bad command line: printed as a short message, never as a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions extends TrainOptions {
  /** Where the SVG of loss and accuracy per epoch goes. */
  plot: string;
  help: boolean;
}

export const DEFAULT_PLOT = join(tmpdir(), 'smolml-mnist.svg');

export const HELP = `Trains a 784→hidden→10 network (He initialisation, ReLU, softmax with
cross-entropy) on 8,000 MNIST digits and tests it on 2,000 others.

Usage: npm run demo -- [options]        (or: node dist/mnist.js [options])

Options:
  --epochs N        passes over the training digits            (default ${DEFAULTS.epochs})
  --hidden N        units in the hidden layer                  (default ${DEFAULTS.hidden})
  --lr X            learning rate          (default: sgd ${DEFAULT_LEARNING_RATES.sgd}, momentum ${DEFAULT_LEARNING_RATES.momentum}, adagrad ${DEFAULT_LEARNING_RATES.adagrad}, adam ${DEFAULT_LEARNING_RATES.adam})
  --optimizer NAME  sgd | momentum | adagrad | adam             (default ${DEFAULTS.optimizer})
  --seed N          seeds the weights and the batch order      (default ${DEFAULTS.seed})
  --batch N         digits per mini-batch                      (default ${DEFAULTS.batchSize})
  --plot PATH       where to write the SVG of loss and accuracy (default ${DEFAULT_PLOT})
  -h, --help        show this help

The same options always give the same result. The last line printed is
"test accuracy: 0.NNNN", the fraction of the 2,000 test digits classified right.`;

type Key = 'epochs' | 'hidden' | 'lr' | 'optimizer' | 'seed' | 'batch' | 'plot';
const KEYS: readonly Key[] = ['epochs', 'hidden', 'lr', 'optimizer', 'seed', 'batch', 'plot'];

function integer(flag: string, text: string, lo: number, hi: number): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new UsageError(`--${flag} expects an integer from ${lo} to ${hi}, got '${text}'`);
  }
  return v;
}

/** Reads the command line (`argv` without the node and script paths). */
export function parseOptions(argv: readonly string[]): CliOptions {
  const given = new Map<Key, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}' (options start with --)`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!(KEYS as readonly string[]).includes(name)) throw new UsageError(`unknown option '--${name}'`);
    let value: string | undefined = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    value = value.trim();
    if (given.has(name as Key)) throw new UsageError(`--${name} is given twice`);
    given.set(name as Key, value);
  }

  const optimizerText = given.get('optimizer') ?? DEFAULTS.optimizer;
  if (!(OPTIMIZERS as readonly string[]).includes(optimizerText)) {
    throw new UsageError(`--optimizer expects one of ${OPTIMIZERS.join(', ')}, got '${optimizerText}'`);
  }
  const optimizer = optimizerText as OptimizerName;

  let learningRate = DEFAULT_LEARNING_RATES[optimizer];
  const lrText = given.get('lr');
  if (lrText !== undefined) {
    learningRate = Number(lrText);
    if (lrText === '' || !Number.isFinite(learningRate) || learningRate <= 0) {
      throw new UsageError(`--lr expects a positive number, got '${lrText}'`);
    }
  }

  const plot = given.get('plot') ?? DEFAULT_PLOT;
  if (plot === '') throw new UsageError('--plot expects a file path');

  const read = (key: Key, fallback: number, lo: number, hi: number): number => {
    const text = given.get(key);
    return text === undefined ? fallback : integer(key, text, lo, hi);
  };
  return {
    epochs: read('epochs', DEFAULTS.epochs, 1, 1000),
    hidden: read('hidden', DEFAULTS.hidden, 1, 4096),
    learningRate,
    optimizer,
    seed: read('seed', DEFAULTS.seed, 0, 2 ** 32 - 1),
    batchSize: read('batch', DEFAULTS.batchSize, 1, 8000),
    plot,
    help,
  };
}
