import type { DType } from '@smolml/core';
import { Ledger } from './ledger';
import { dtypeOf } from './dtype-of';
import { type SizeOptions, layoutOf } from './layout';
import type { MemoryBreakdown } from './breakdown';
import type { NeuralNetworkLike } from './models';
import { type OptimizerSize, optimizerSize } from './optimizer-size';
import { networkParameters } from './parameters';

/** One layer's parameters. */
export interface LayerSize {
  /** Bytes of the weights array: values, gradient, object overhead. */
  weightsSize: number;
  /** Bytes of the biases array. */
  biasesSize: number;
  /** `weightsSize + biasesSize`. */
  total: number;
  /** Number of parameters (weights and biases elements). */
  parameters: number;
  weightsShape: readonly number[];
  biasesShape: readonly number[];
  /** The element type of the weights (their bytes are `BYTES_PER_ELEMENT` each: 8 for float64, 4 for float32). */
  weightsDType: DType;
  /** The element type of the biases. */
  biasesDType: DType;
}

/** The memory of a neural network, by layer and by kind. */
export interface NeuralNetworkSize {
  /** Everything the model holds, in bytes. */
  total: number;
  layers: LayerSize[];
  optimizer: OptimizerSize;
  /** The model's own objects: the model, its layer list and layer objects, anything else they hold. */
  baseSize: number;
  /** Number of parameters (distinct arrays counted once). */
  parameterCount: number;
  breakdown: MemoryBreakdown;
  /** The V8 layout the overhead was modelled with. */
  layout: string;
}

const FN = 'calculateNeuralNetworkSize';

/**
 * The bytes a network holds: each layer's weights and biases (values, gradients once
 * allocated, object overhead), the optimizer's state, and the model's own objects.
 * Typed storage is exact (`BYTES_PER_ELEMENT` per element: 8 for float64, 4 for
 * float32); object overhead follows the V8 layout model (see {@link FULL_POINTERS}). A
 * parameter shared by two layers is counted once, in the first.
 *
 * total = Σ layers[i].total + optimizer.size + baseSize
 *       = Σ breakdown fields
 *
 * @example
 * const report = calculateNeuralNetworkSize(model);
 * report.breakdown.parameters;      // 8 × number of parameters (4 × in float32), exactly
 * formatSize(report.total);         // e.g. "3.12 MB"
 */
export function calculateNeuralNetworkSize(model: NeuralNetworkLike, options?: SizeOptions): NeuralNetworkSize {
  return networkSize(FN, model, options);
}

/** @internal {@link calculateNeuralNetworkSize}, its errors naming `fn`. */
export function networkSize(fn: string, model: NeuralNetworkLike, options: SizeOptions | undefined): NeuralNetworkSize {
  const params = networkParameters(fn, model);
  const layout = layoutOf(fn, options);
  const ledger = new Ledger(layout, fn);
  const breakdown: MemoryBreakdown = { parameters: 0, gradients: 0, optimizerState: 0, otherStorage: 0, overhead: 0 };
  const layers: LayerSize[] = [];
  let parameterCount = 0;
  for (let i = 0; i < params.length; i += 2) {
    const w = params[i].array, b = params[i + 1].array;
    const sizes = [w, b].map((a) => {
      const fresh = !ledger.has(a);
      const t0 = ledger.total;
      const bytes = ledger.mlarray(a);
      breakdown.parameters += bytes.data;
      breakdown.gradients += bytes.grad;
      if (fresh) parameterCount += a.size;
      return ledger.total - t0;
    });
    layers.push({
      weightsSize: sizes[0],
      biasesSize: sizes[1],
      total: sizes[0] + sizes[1],
      parameters: w.size + b.size,
      weightsShape: w.shape,
      biasesShape: b.shape,
      weightsDType: dtypeOf(w),
      biasesDType: dtypeOf(b),
    });
  }
  const storage0 = ledger.storage;
  const optimizer = optimizerSize(fn, (model as { optimizer?: unknown }).optimizer, ledger);
  breakdown.optimizerState = optimizer.state.bytes;
  // The optimizer's own objects may hold other typed storage (rare); it is not state.
  breakdown.otherStorage += ledger.storage - storage0 - optimizer.state.bytes;
  const base0 = ledger.total, storage1 = ledger.storage;
  ledger.walk(model);
  breakdown.otherStorage += ledger.storage - storage1;
  const baseSize = ledger.total - base0;
  breakdown.overhead = ledger.overhead;
  return { total: ledger.total, layers, optimizer, baseSize, parameterCount, breakdown, layout: layout.name };
}
