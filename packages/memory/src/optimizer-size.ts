import type { DType } from '@smolml/core';
import type { Ledger } from './ledger';
import { optimizerStateArrays } from './parameters';
import { dtypeOf } from './dtype-of';

/** The optimizer's buffers, as `stateArrays()` reports them. */
export interface OptimizerStateSize {
  /** Number of distinct state arrays (Adam: two per parameter array). */
  arrays: number;
  /** Number of elements across them. */
  elements: number;
  /** Their typed storage, exact: `BYTES_PER_ELEMENT` per element (8 for float64, 4 for float32). */
  bytes: number;
  /** Storage plus the arrays' object overhead. */
  total: number;
  /** The dtypes of the state arrays, in order of first appearance (an optimizer keeps state in its parameters' dtype). */
  dtypes: DType[];
}

/** What an optimizer holds. */
export interface OptimizerSize {
  /** Everything: the state arrays plus the optimizer's own objects (its maps, step counters, settings). */
  size: number;
  state: OptimizerStateSize;
}

/**
 * @internal Counts `optimizer` into `ledger`: its state arrays first (so they are
 * attributed to the state), then whatever else the optimizer object holds that was not
 * counted already (parameters are, by the model).
 */
export function optimizerSize(fn: string, optimizer: unknown, ledger: Ledger): OptimizerSize {
  const start = ledger.total;
  const state: OptimizerStateSize = { arrays: 0, elements: 0, bytes: 0, total: 0, dtypes: [] };
  for (const s of optimizerStateArrays(fn, optimizer)) {
    if (ledger.has(s)) continue;
    const dtype = dtypeOf(s);
    if (!state.dtypes.includes(dtype)) state.dtypes.push(dtype);
    const t0 = ledger.total;
    const b = ledger.mlarray(s);
    state.arrays++;
    state.elements += s.size;
    state.bytes += b.data + b.grad;
    state.total += ledger.total - t0;
  }
  if (optimizer !== null && optimizer !== undefined) ledger.walk(optimizer);
  return { size: ledger.total - start, state };
}
