// Plots for docs/losses.md, computed with @smolml/losses itself (derivatives by
// backpropagation): the regression losses against the error and their gradients,
// Huber for several deltas, binary cross-entropy against the predicted probability and
// against the logit, and hinge beside the logistic loss.
//   cd docs/examples && npx tsc -p tsconfig.json && node dist/plots/losses.js
// writes docs/images/losses-*.svg.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FloatArray, MLArray } from '@smolml/core';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, hingeLoss, huberLoss, maeLoss, mseLoss } from '@smolml/losses';
import { type Series, lineChart } from './svg';

const OUT = join(__dirname, '..', '..', '..', 'images');

function grid(lo: number, hi: number, n = 400): Float64Array {
  return Float64Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
}

type Loss = (yPred: MLArray, yTrue: MLArray) => MLArray;

/**
 * The per-element loss for each prediction in `preds` against the fixed `target`, and
 * its derivative with respect to the prediction (from backward() on the summed losses).
 */
function curve(loss: Loss, preds: Float64Array, target: number): { y: FloatArray; dy: FloatArray } {
  const p = MLArray.from(preds, [preds.length]);
  const t = MLArray.from(new Float64Array(preds.length).fill(target), [preds.length], { requiresGrad: false });
  const l = loss(p, t);
  l.sum().backward();
  return { y: l.data, dy: (p.grad as MLArray).data };
}

function write(file: string, svg: string): void {
  writeFileSync(join(OUT, file), svg);
  console.log(`wrote docs/images/${file}`);
}

const none = { reduction: 'none' } as const;

// Regression: the loss of a prediction ŷ = e against the target 0, as the error e varies.
{
  const e = grid(-3, 3);
  const losses: [string, Loss][] = [
    ['MSE: e²', (p, t) => mseLoss(p, t, none)],
    ['MAE: |e|', (p, t) => maeLoss(p, t, none)],
    ['Huber, delta 1', (p, t) => huberLoss(p, t, 1, none)],
  ];
  const curves = losses.map(([label, f]) => ({ label, ...curve(f, e, 0) }));
  write('losses-regression.svg', lineChart(curves.map((c) => ({ label: c.label, x: e, y: c.y })),
    { title: 'Regression losses against the error e = yPred - yTrue', xLabel: 'error e', yLabel: 'loss', yRange: [-0.15, 4] }));
  write('losses-regression-gradient.svg', lineChart(curves.map((c) => ({ label: `d/de ${c.label}`, x: e, y: c.dy })),
    { title: 'Their gradients: what one step of training feels', xLabel: 'error e', yLabel: 'dL/de', yRange: [-4, 4] }));
}

// Huber for several deltas.
{
  const e = grid(-4, 4);
  const series: Series[] = [0.5, 1, 2].map((delta) => ({ label: `delta ${delta}`, x: e, y: curve((p, t) => huberLoss(p, t, delta, none), e, 0).y }));
  series.push({ label: 'MSE / 2 (delta → ∞)', x: e, y: e.map((v) => 0.5 * v * v), dashed: true });
  write('losses-huber-delta.svg', lineChart(series, { title: 'Huber loss: quadratic inside delta, linear outside', xLabel: 'error e', yLabel: 'loss', yRange: [-0.2, 6] }));
}

// Binary cross-entropy against the predicted probability, for each label.
{
  const p = grid(0.001, 0.999, 400);
  const series: Series[] = [
    { label: 'true label 1: -log p', x: p, y: curve((a, b) => binaryCrossEntropy(a, b, none), p, 1).y },
    { label: 'true label 0: -log(1 - p)', x: p, y: curve((a, b) => binaryCrossEntropy(a, b, none), p, 0).y },
    { label: 'label 1 with labelSmoothing 0.2', x: p, y: curve((a, b) => binaryCrossEntropy(a, b, { reduction: 'none', labelSmoothing: 0.2 }), p, 1).y, dashed: true },
  ];
  write('losses-binary.svg', lineChart(series, { title: 'Binary cross-entropy against the predicted probability', xLabel: 'predicted probability p', yLabel: 'loss', yRange: [-0.2, 5] }));
}

// From logits: the loss and its gradient sigmoid(z) − y for a true label 1.
{
  const z = grid(-8, 8);
  const c = curve((a, b) => binaryCrossEntropyWithLogits(a, b, none), z, 1);
  const series: Series[] = [
    { label: 'loss, true label 1: log(1 + e^-z)', x: z, y: c.y },
    { label: 'gradient: sigmoid(z) - 1', x: z, y: c.dy, dashed: true },
  ];
  write('losses-bce-logits.svg', lineChart(series, { title: 'Binary cross-entropy from a logit z', xLabel: 'logit z', yLabel: 'loss, gradient' }));
}

// Hinge against the margin y·ŷ, beside the logistic loss (BCE from logits, label 1).
{
  const m = grid(-3, 3);
  const series: Series[] = [
    { label: 'hinge: max(0, 1 - y·ŷ)', x: m, y: curve((a, b) => hingeLoss(a, b, none), m, 1).y },
    { label: 'logistic: log(1 + e^(-y·ŷ))', x: m, y: curve((a, b) => binaryCrossEntropyWithLogits(a, b, none), m, 1).y, dashed: true },
  ];
  write('losses-hinge.svg', lineChart(series, { title: 'Hinge and logistic loss against the margin y·ŷ', xLabel: 'margin y·ŷ', yLabel: 'loss', yRange: [-0.15, 4] }));
}
