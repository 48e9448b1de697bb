import { poolStats } from '@smolml/core';
import type { SizeOptions } from './layout';
import type { MemoryBreakdown } from './breakdown';
import type { NeuralNetworkLike, RegressionLike } from './models';
import { networkSize } from './neural-network-size';
import { regressionSize } from './regression-size';
import { formatSize } from './format-size';
import { isNetwork } from './parameters';

type Row = [label: string, shape: string, dtype: string, parameters: string, bytes: number];

const FN = 'memoryReport';
const shapeText = (s: readonly number[]): string => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;
const group = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
// One dtype, or "weights/biases" when a layer mixes them.
const pair = (a: string, b: string): string => (a === b ? a : `${a}/${b}`);

/**
 * A table of where a model's memory goes, in the spirit of Keras's `model.summary()`:
 * one row per layer (its weights and biases shapes, dtype, parameter count, bytes and
 * share of the total), then the optimizer's state and the model's own objects, a
 * total, and the split between exact typed storage (8 bytes an element for float64, 4
 * for float32) and modelled object overhead, and what waits in core's buffer pool (when
 * anything does: see core's `tidy`). A layer whose weights and biases differ in
 * dtype shows both (`float32/float64`).
 *
 * @example
 * console.log(memoryReport(model));
 * // Layer  Shape                 DType    Parameters      Bytes   Share
 * // 0      (784, 128), (1, 128)  float64     100,480    1.53 MB   49.3%
 * // …
 */
export function memoryReport(model: NeuralNetworkLike | RegressionLike, options?: SizeOptions): string {
  const rows: Row[] = [];
  let total: number, parameterCount: number, breakdown: MemoryBreakdown, layout: string;
  let optimizerRow: Row, baseRow: Row;
  if (isNetwork(model)) {
    const r = networkSize(FN, model, options);
    r.layers.forEach((l, i) => {
      rows.push([String(i), `${shapeText(l.weightsShape)}, ${shapeText(l.biasesShape)}`, pair(l.weightsDType, l.biasesDType), group(l.parameters), l.total]);
    });
    ({ total, parameterCount, breakdown, layout } = r);
    optimizerRow = ['optimizer', `${r.optimizer.state.arrays} state arrays`, r.optimizer.state.dtypes.join('/'), '', r.optimizer.size];
    baseRow = ['model objects', '', '', '', r.baseSize];
  } else {
    const r = regressionSize(FN, model as RegressionLike, options);
    const m = model as RegressionLike;
    rows.push(['weights', shapeText(m.weights.shape), r.parameters.weightsDType, group(m.weights.size), r.parameters.weightsSize]);
    rows.push(['bias', shapeText(m.bias.shape), r.parameters.biasDType, group(m.bias.size), r.parameters.biasSize]);
    ({ total, parameterCount, breakdown, layout } = r);
    optimizerRow = ['optimizer', `${r.optimizer.state.arrays} state arrays`, r.optimizer.state.dtypes.join('/'), '', r.optimizer.size];
    baseRow = ['model objects', '', '', '', r.baseSize];
  }
  rows.push(optimizerRow, baseRow);
  const share = (b: number): string => (total === 0 ? '0.0%' : `${((100 * b) / total).toFixed(1)}%`);
  const table: string[][] = [['Layer', 'Shape', 'DType', 'Parameters', 'Bytes', 'Share']];
  for (const [label, shape, dtype, params, bytes] of rows) table.push([label, shape, dtype, params, formatSize(bytes), share(bytes)]);
  table.push(['Total', '', '', group(parameterCount), formatSize(total), share(total)]);
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const right = [false, false, false, true, true, true];
  const line = (r: string[]): string =>
    r.map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const rule = '─'.repeat(widths.reduce((s, w) => s + w, 0) + 2 * (widths.length - 1));
  const out = [line(table[0]), rule];
  for (let i = 1; i < table.length - 1; i++) out.push(line(table[i]));
  out.push(rule, line(table[table.length - 1]), '');
  const exact = total - breakdown.overhead;
  out.push(
    `Typed storage (exact): ${formatSize(exact)} = parameters ${formatSize(breakdown.parameters)}` +
      ` + gradients ${formatSize(breakdown.gradients)} + optimizer state ${formatSize(breakdown.optimizerState)}` +
      (breakdown.otherStorage > 0 ? ` + other ${formatSize(breakdown.otherStorage)}` : ''),
    `Object overhead (modelled, ${layout}): ${formatSize(breakdown.overhead)}`,
  );
  // Buffers released by dispose()/tidy() (and core's transient scratch) wait in core's
  // pool for reuse: memory the process holds beyond the model, shared by every model.
  const pool = poolStats();
  if (pool.pooledBytes > 0) {
    out.push(`Core's buffer pool (free for reuse, shared by all arrays): ${formatSize(pool.pooledBytes)} in ${group(pool.pooledBuffers)} buffer${pool.pooledBuffers === 1 ? '' : 's'}`);
  }
  return out.join('\n');
}
