// The optimizer comparison of the original SmolML: the same 2→32→1 network (ReLU, then
// tanh, mean squared error) learns XOR with SGD, SGDMomentum, AdaGrad and Adam at the
// original's learning rates, from the same starting weights, and their loss curves go
// into one SVG on a log scale.
//   node dist/xor.js [output.svg]      (default: docs/images/xor-optimizers.svg)
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPTIMIZER_COLORS, type OptimizerKind } from './plots/colors';
import { lineChart } from './plots/svg';
import { compareOptimizers } from './xor/compare';

const STEPS = 100;
const SEED = 42;

const runs = compareOptimizers(STEPS, SEED);
for (const { label, losses, outputs } of runs) {
  console.log(
    `${label.padEnd(12)} loss ${losses[0].toFixed(4)} → ${losses[STEPS - 1].toExponential(2)}` +
      `   outputs for (0,0) (0,1) (1,0) (1,1): ${outputs.map((v) => v.toFixed(3)).join(' ')}`,
  );
}

const steps = Array.from({ length: STEPS }, (_, i) => i + 1);
const file = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'images', 'xor-optimizers.svg'));
writeFileSync(
  file,
  lineChart(
    runs.map((r) => ({ label: r.label, x: steps, y: r.losses, dashed: r.label === 'Adam', color: OPTIMIZER_COLORS[r.label as OptimizerKind] })),
    {
      title: 'XOR, 2→32→1: SGD, SGDMomentum and AdaGrad at lr 0.1, Adam at 0.01',
      xLabel: 'step (full batch of 4 points)',
      yLabel: 'loss (log scale)',
      logY: true,
    },
  ),
);
console.log(`loss curves: ${file}`);
