import type { DType } from '@smolml/core';
import { Ledger } from './ledger';
import { dtypeOf } from './dtype-of';
import { type SizeOptions, layoutOf } from './layout';
import type { MemoryBreakdown } from './breakdown';
import type { RegressionLike } from './models';
import { type OptimizerSize, optimizerSize } from './optimizer-size';
import { regressionParameters } from './parameters';

/** The memory of a regression model. */
export interface RegressionSize {
  total: number;
  parameters: {
    /** Bytes of the weights array: values, gradient (both exact in its dtype), object overhead. */
    weightsSize: number;
    /** Bytes of the bias array. */
    biasSize: number;
    total: number;
    /** The element type of the weights (8 bytes an element for float64, 4 for float32). */
    weightsDType: DType;
    /** The element type of the bias. */
    biasDType: DType;
  };
  optimizer: OptimizerSize;
  /** The model's own object and anything else it holds. */
  baseSize: number;
  /** Number of parameters (weights and bias elements). */
  parameterCount: number;
  breakdown: MemoryBreakdown;
  /** The V8 layout the overhead was modelled with. */
  layout: string;
}

const FN = 'calculateRegressionSize';

/**
 * The bytes a regression holds: weights and bias (values, gradients, overhead), the
 * optimizer's state and the model object. total = parameters.total + optimizer.size + baseSize.
 *
 * @example
 * calculateRegressionSize({ weights: zeros(3, 1), bias: zeros(1) }).parameters.total;
 */
export function calculateRegressionSize(model: RegressionLike, options?: SizeOptions): RegressionSize {
  return regressionSize(FN, model, options);
}

/** @internal {@link calculateRegressionSize}, its errors naming `fn`. */
export function regressionSize(fn: string, model: RegressionLike, options: SizeOptions | undefined): RegressionSize {
  const [w, b] = regressionParameters(fn, model).map((p) => p.array);
  const layout = layoutOf(fn, options);
  const ledger = new Ledger(layout, fn);
  const breakdown: MemoryBreakdown = { parameters: 0, gradients: 0, optimizerState: 0, otherStorage: 0, overhead: 0 };
  const sizes = [w, b].map((a) => {
    const t0 = ledger.total;
    const bytes = ledger.mlarray(a);
    breakdown.parameters += bytes.data;
    breakdown.gradients += bytes.grad;
    return ledger.total - t0;
  });
  const storage0 = ledger.storage;
  const optimizer = optimizerSize(fn, (model as { optimizer?: unknown }).optimizer, ledger);
  breakdown.optimizerState = optimizer.state.bytes;
  breakdown.otherStorage += ledger.storage - storage0 - optimizer.state.bytes;
  const base0 = ledger.total, storage1 = ledger.storage;
  ledger.walk(model);
  breakdown.otherStorage += ledger.storage - storage1;
  breakdown.overhead = ledger.overhead;
  return {
    total: ledger.total,
    parameters: { weightsSize: sizes[0], biasSize: sizes[1], total: sizes[0] + sizes[1], weightsDType: dtypeOf(w), biasDType: dtypeOf(b) },
    optimizer,
    baseSize: ledger.total - base0,
    parameterCount: w === b ? w.size : w.size + b.size,
    breakdown,
    layout: layout.name,
  };
}
