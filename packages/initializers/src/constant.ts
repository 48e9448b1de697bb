import { type MLArray, full } from '@smolml/core';
import { fillDType, parseArgs } from './args';
import type { FillOptions, InitializeArgs } from './options';
import { WeightInitializer } from './weight-initializer';

/** Options of {@link Constant}. */
export interface ConstantOptions extends FillOptions {
  /** The value of every element (required, any finite number). */
  value?: number;
}

const KEYS = ['value', 'requiresGrad', 'rng', 'dtype'];

/**
 * Every element equal to `value`, e.g. a small positive bias (0.01) that keeps ReLU
 * units alive at the start. `value` is required: a silent default would hide a typo.
 *
 * @example
 * Constant.initialize([128], { value: 0.01 });
 */
export class Constant extends WeightInitializer {
  static override initialize(...dims: number[]): MLArray;
  static override initialize(dims: readonly number[], options?: ConstantOptions): MLArray;
  static override initialize(...args: InitializeArgs<ConstantOptions>): MLArray {
    const op = 'Constant.initialize';
    const { dims, options } = parseArgs<ConstantOptions>(op, args, KEYS);
    const value = options.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${op}: expected a finite { value }, e.g. Constant.initialize([128], { value: 0.01 }), got ${String(value)}`);
    }
    return full(dims, value, { requiresGrad: options.requiresGrad ?? true, dtype: fillDType(op, options.dtype) });
  }
}
