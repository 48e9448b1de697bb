import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { DType } from '@smolml/core';
import { DEFAULTS, DEFAULT_LEARNING_RATES, DTYPES, OPTIMIZERS, type OptimizerName, type TrainOptions } from './train';

/** A bad command line: printed as a short message, never as a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions extends TrainOptions {
  /** Where the SVG of loss and accuracy per epoch goes. */
  plot: string;
  /** Where to write the trained weights as safetensors (none when undefined). */
  save?: string;
  help: boolean;
}

export const DEFAULT_PLOT = join(tmpdir(), 'smolml-mnist.svg');

/** docs/examples: the same from src/mnist (ts-jest) and from dist/mnist (the build). */
const EXAMPLES_DIR = join(__dirname, '..', '..');
const SCRIPT = join(EXAMPLES_DIR, 'dist', 'mnist.js');

/** The name in the package.json of `dir`, if it has one. */
function packageName(dir: string): string | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/**
 * How to run the demo from `cwd`: `npm run demo -- …` where a package.json with that
 * script is (the repository root, docs/examples), and `node <path>/dist/mnist.js …`
 * with the path from `cwd`, which works anywhere.
 */
export function usageLines(cwd: string): string[] {
  const lines: string[] = [];
  const name = packageName(cwd);
  if (name === 'smolml-monorepo') lines.push('npm run demo -- [options]');
  if (name === '@smolml/examples') lines.push('npm run demo -- [options]');
  const script = relative(cwd, SCRIPT) || SCRIPT;
  lines.push(`node ${script.includes(' ') ? JSON.stringify(script) : script} [options]`);
  return lines;
}

/**
 * The `--help` text, with commands that work from `cwd`: npm's INIT_CWD (where the user
 * typed `npm run demo`, as npm and pnpm change into the package folder to run it) or
 * the current folder.
 */
export function helpText(cwd: string = process.env.INIT_CWD ?? process.cwd()): string {
  const [first, ...rest] = usageLines(cwd);
  const lr = OPTIMIZERS.map((o) => `${o} ${DEFAULT_LEARNING_RATES[o]}`).join(', ');
  return `Trains a 784→hidden→10 network (He initialisation, ReLU, softmax with
cross-entropy) on 8,000 MNIST digits and tests it on 2,000 others.

Usage: ${first}${rest.map((r) => `\n   or: ${r}`).join('')}

Options:
  --epochs N        passes over the training digits            (default ${DEFAULTS.epochs})
  --hidden N        units in the hidden layer                  (default ${DEFAULTS.hidden})
  --optimizer NAME  ${OPTIMIZERS.join(' | ')}   (default ${DEFAULTS.optimizer})
  --lr X            learning rate (default for each optimizer:
                    ${lr})
  --dtype TYPE      ${DTYPES.join(' | ')}: the numbers' precision (default ${DEFAULTS.dtype});
                    float32 halves the memory of weights, gradients and state
  --seed N          seeds the weights and the batch order      (default ${DEFAULTS.seed})
  --batch N         digits per mini-batch                      (default ${DEFAULTS.batchSize})
  --plot PATH       where to write the SVG of loss and accuracy (default ${DEFAULT_PLOT})
  --save PATH       write the trained weights as safetensors (readable by PyTorch and Python's safetensors)
  -h, --help        show this help

Values go after a space or an '=': --epochs 3, --epochs=3 (a value starting
with '-' needs the '=': --lr=-1). The same options always give the same result.
The last line printed is "test accuracy: 0.NNNN", the fraction of the 2,000 test
digits classified right.`;
}

const OPTIONS = {
  epochs: { type: 'string' },
  hidden: { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  dtype: { type: 'string' },
  seed: { type: 'string' },
  batch: { type: 'string' },
  plot: { type: 'string' },
  save: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Key = keyof typeof OPTIONS;

function integer(flag: string, text: string, lo: number, hi: number): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new UsageError(`--${flag} expects an integer from ${lo} to ${hi}, got '${text}'`);
  }
  return v;
}

/** node:util's parse errors, said the way the rest of the demo speaks. */
function usageErrorOf(e: Error & { code?: string }): UsageError {
  const flag = /'(-[^' ]+)/.exec(e.message)?.[1]?.replace(/^-h, /, '');
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option '${flag}'`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument '${/'([^']*)'/.exec(e.message)?.[1]}' (options start with --)`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /'(?:-\w, )?(--[\w-]+)/.exec(e.message)?.[1] ?? flag;
      if (name === '--help') return new UsageError('--help takes no value');
      return new UsageError(`${name} needs a value (one starting with '-' goes after '=': ${name}=-1)`);
    }
    default:
      return new UsageError(e.message);
  }
}

/** Reads the command line (`argv` without the node and script paths), with node:util's parseArgs. */
export function parseOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    // Checked by code, not `instanceof TypeError`: node's errors may come from another realm (jest's vm).
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) throw usageErrorOf(e as Error & { code: string });
    throw e;
  }
  // parseArgs keeps the last of repeated options; a repeat here is a mistake, so say so.
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given twice`);
    seen.add(t.name);
  }
  const given = parsed.values as Partial<Record<Key, string | boolean>>;
  const text = (key: Exclude<Key, 'help'>): string | undefined => {
    const v = given[key];
    return typeof v === 'string' ? v.trim() : undefined;
  };

  const optimizerText = text('optimizer') ?? DEFAULTS.optimizer;
  if (!(OPTIMIZERS as readonly string[]).includes(optimizerText)) {
    throw new UsageError(`--optimizer expects one of ${OPTIMIZERS.join(', ')}, got '${optimizerText}'`);
  }
  const optimizer = optimizerText as OptimizerName;

  const dtypeText = text('dtype') ?? DEFAULTS.dtype;
  if (!(DTYPES as readonly string[]).includes(dtypeText)) {
    throw new UsageError(`--dtype expects one of ${DTYPES.join(', ')}, got '${dtypeText}'`);
  }

  let learningRate = DEFAULT_LEARNING_RATES[optimizer];
  const lrText = text('lr');
  if (lrText !== undefined) {
    learningRate = Number(lrText);
    if (lrText === '' || !Number.isFinite(learningRate) || learningRate <= 0) {
      throw new UsageError(`--lr expects a positive number, got '${lrText}'`);
    }
  }

  const plot = text('plot') ?? DEFAULT_PLOT;
  if (plot === '') throw new UsageError('--plot expects a file path');
  const save = text('save');
  if (save === '') throw new UsageError('--save expects a file path');

  const read = (key: 'epochs' | 'hidden' | 'seed' | 'batch', fallback: number, lo: number, hi: number): number => {
    const t = text(key);
    return t === undefined ? fallback : integer(key, t, lo, hi);
  };
  return {
    epochs: read('epochs', DEFAULTS.epochs, 1, 1000),
    hidden: read('hidden', DEFAULTS.hidden, 1, 4096),
    learningRate,
    optimizer,
    dtype: dtypeText as DType,
    seed: read('seed', DEFAULTS.seed, 0, 2 ** 32 - 1),
    batchSize: read('batch', DEFAULTS.batchSize, 1, 8000),
    plot,
    save,
    help: given.help === true,
  };
}
