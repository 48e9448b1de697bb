import { lineChart, stackCharts } from '../plots/svg';
import { CLASSES } from './data';
import type { EpochStats } from './train';

/**
 * The confusion matrix as a table: one row per true digit, one column per predicted
 * digit, and each row's recall (the share of that digit classified right).
 */
export function formatConfusion(counts: readonly (readonly number[])[]): string {
  const w = Math.max(4, ...counts.flat().map((c) => String(c).length + 1));
  const cell = (s: string | number): string => String(s).padStart(w);
  const lines = [`true╲pred${Array.from({ length: CLASSES }, (_, p) => cell(p)).join('')}   recall`];
  counts.forEach((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    const recall = total === 0 ? '-' : (row[t] / total).toFixed(3);
    lines.push(`${String(t).padStart(9)}${row.map(cell).join('')}   ${recall}`);
  });
  return lines.join('\n');
}

/** Loss (top) and accuracy (bottom) per epoch, for training and test digits. */
export function trainingPlot(history: readonly EpochStats[], title: string): string {
  const epochs = history.map((h) => h.epoch);
  const loss = lineChart(
    [
      { label: 'training loss', x: epochs, y: history.map((h) => h.trainLoss) },
      { label: 'test loss', x: epochs, y: history.map((h) => h.testLoss), dashed: true },
    ],
    { title: `${title}: cross-entropy loss`, xLabel: 'epoch', yLabel: 'loss', height: 300, legend: 'top-right' },
  );
  const accuracy = lineChart(
    [
      { label: 'training accuracy (while training)', x: epochs, y: history.map((h) => h.trainAccuracy) },
      { label: 'test accuracy', x: epochs, y: history.map((h) => h.testAccuracy), dashed: true },
    ],
    { title: `${title}: accuracy`, xLabel: 'epoch', yLabel: 'accuracy', height: 300, legend: 'bottom-right' },
  );
  return stackCharts([loss, accuracy]);
}
