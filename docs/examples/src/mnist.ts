// The SmolML demo: a 784→128→10 network learns handwritten digits. Five packages
// compose into the training stack (core arrays and autograd, He initialisation, ReLU,
// softmax cross-entropy, Adam) and a sixth reports its memory. Run it with
// `npm run demo` at the repository root, or `node dist/mnist.js --help` here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { memoryReport } from '@smolml/memory';
import { loadDigits, split } from './mnist/data';
import { HELP, UsageError, parseOptions } from './mnist/options';
import { ProgressBar, duration } from './mnist/progress';
import { formatConfusion, trainingPlot } from './mnist/report';
import { confusionMatrix, trainMnist } from './mnist/train';

function main(argv: readonly string[]): void {
  const options = parseOptions(argv);
  if (options.help) {
    console.log(HELP);
    return;
  }
  const started = performance.now();
  const { train, test } = split(loadDigits(), 8000);
  console.log(
    `MNIST: ${train.count} training and ${test.count} test digits · 784→${options.hidden}→10 · ` +
      `${options.optimizer} (lr ${options.learningRate}) · batch ${options.batchSize} · seed ${options.seed}`,
  );

  const progress = new ProgressBar(options.epochs);
  const result = trainMnist(train, test, options, {
    onBatch: (p) => progress.update(p),
    onEpoch: (s) => progress.epochDone(s, train.count),
  });

  console.log('\nConfusion matrix (test digits):');
  console.log(formatConfusion(confusionMatrix(test.labels, result.predictions)));
  console.log('\nMemory of the model and its optimizer:');
  console.log(memoryReport(result.model));

  const plot = resolve(options.plot);
  mkdirSync(dirname(plot), { recursive: true });
  writeFileSync(plot, trainingPlot(result.history, `MNIST, 784→${options.hidden}→10, ${options.optimizer}`));
  console.log(`\nLoss and accuracy per epoch: ${plot}`);
  console.log(`Total time: ${duration((performance.now() - started) / 1000)}`);
  console.log(`test accuracy: ${result.testAccuracy.toFixed(4)}`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`error: ${e.message}\nRun with --help to see the options.`);
  process.exitCode = 2;
}
