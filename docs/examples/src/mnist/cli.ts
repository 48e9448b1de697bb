import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { calculateNeuralNetworkSize, formatSize, memoryReport } from '@smolml/memory';
import { loadDigits, split } from './data';
import { UsageError, helpText, parseOptions } from './options';
import { ProgressBar, duration } from './progress';
import { formatConfusion, trainingPlot } from './report';
import { confusionMatrix, namedWeights, trainMnist } from './train';
import { toSafetensors } from '@smolml/core';

/** Where the demo writes: `out` for results, `err` for problems, `live` for the redrawn bar (a terminal, or null). */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  live: { write(text: string): unknown } | null;
}

const PROCESS_IO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  live: process.stderr.isTTY ? process.stderr : null,
};

/**
 * What float32 saved: the typed storage of the weights, gradients and optimizer state
 * (4 bytes an element) beside what the same arrays take in float64 (8 bytes).
 */
export function float32Saving(model: Parameters<typeof calculateNeuralNetworkSize>[0]): string {
  const { breakdown: b } = calculateNeuralNetworkSize(model);
  const storage = b.parameters + b.gradients + b.optimizerState;
  return `float32 saves ${formatSize(storage)}: its weights, gradients and optimizer state take ${formatSize(storage)}, float64 would take ${formatSize(2 * storage)}`;
}

/**
 * Runs the demo for the command-line arguments `argv` and returns the exit code: 0, or
 * 2 for a bad command line (reported as one short message, not a stack trace).
 */
export function runCli(argv: readonly string[], io: CliIO = PROCESS_IO): number {
  let options;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`error: ${e.message}\nRun with --help to see the options.`);
    return 2;
  }
  if (options.help) {
    io.out(helpText());
    return 0;
  }

  const started = performance.now();
  const { train, test } = split(loadDigits(), 8000);
  io.out(
    `MNIST: ${train.count.toLocaleString("en-US")} training and ${test.count.toLocaleString("en-US")} test digits · 784→${options.hidden}→10 · ` +
      `${options.optimizer} (lr ${options.learningRate}) · batch ${options.batchSize} · seed ${options.seed}` +
      (options.dtype === 'float64' ? '' : ` · ${options.dtype}`),
  );
  const progress = new ProgressBar(options.epochs, io.live, io.out);
  const result = trainMnist(train, test, options, {
    onBatch: (p) => progress.update(p),
    onEpoch: (s) => progress.epochDone(s, train.count),
  });

  io.out('\nConfusion matrix of the test digits (rows: true digit, columns: predicted):');
  io.out(formatConfusion(confusionMatrix(test.labels, result.predictions)));
  io.out('\nMemory of the model and its optimizer (@smolml/memory):');
  io.out(memoryReport(result.model));
  if (options.dtype === 'float32') io.out(float32Saving(result.model));

  // A relative --plot is relative to where the user typed the command (npm's INIT_CWD), not to this package.
  const plot = resolve(process.env.INIT_CWD ?? process.cwd(), options.plot);
  mkdirSync(dirname(plot), { recursive: true });
  writeFileSync(plot, trainingPlot(result.history, `MNIST, 784→${options.hidden}→10, ${options.optimizer}${options.dtype === 'float64' ? '' : `, ${options.dtype}`}`));
  io.out(`\nLoss and accuracy per epoch: ${plot}`);
  if (options.save !== undefined) {
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), options.save);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, toSafetensors(namedWeights(result.model), { model: `mnist 784-${options.hidden}-10`, dtype: options.dtype }));
    io.out(`Weights (safetensors): ${file}`);
  }
  io.out(`Total time: ${duration((performance.now() - started) / 1000)}`);
  io.out(`test accuracy: ${result.testAccuracy.toFixed(4)}`);
  return 0;
}
