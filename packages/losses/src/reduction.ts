import { type MLArray, describeArg } from '@smolml/core';

/**
 * How a loss combines its per-element (or per-sample) values: `'mean'` (the default, as
 * in the original SmolML, PyTorch and Keras), `'sum'`, or `'none'` (the unreduced array,
 * e.g. to weight samples yourself).
 */
export type Reduction = 'mean' | 'sum' | 'none';

/** Options every loss accepts. */
export interface LossOptions {
  /** How to combine the per-element or per-sample losses. Default `'mean'`. */
  reduction?: Reduction;
}

const REDUCTIONS: readonly string[] = ['mean', 'sum', 'none'];

/** A TypeError unless `reduction` is a string, a RangeError unless it is one of the three. */
export function checkReduction(op: string, reduction: unknown): asserts reduction is Reduction {
  if (typeof reduction !== 'string') {
    throw new TypeError(`${op}: reduction must be 'mean', 'sum' or 'none', got ${describeArg(reduction)}`);
  }
  if (!REDUCTIONS.includes(reduction)) {
    throw new RangeError(`${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
  }
}

/** `losses` reduced as asked: a 0-d array for `'mean'` and `'sum'`, `losses` itself for `'none'`. */
export function reduce(op: string, losses: MLArray, reduction: Reduction, what: string): MLArray {
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return losses.sum();
  if (losses.size === 0) {
    throw new RangeError(`${op}: cannot average over 0 ${what}; use reduction 'sum' or 'none' for empty input`);
  }
  return losses.mean();
}
