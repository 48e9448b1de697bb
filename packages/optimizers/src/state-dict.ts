import type { DType, JsonNumber } from '@smolml/core';

/**
 * A float as it travels through JSON: core's `JsonNumber`, re-exported here for code
 * written against 0.1 of this package. Finite numbers are plain JSON numbers; NaN,
 * ±Infinity and the sign of -0 travel as strings.
 */
export type { JsonNumber } from '@smolml/core';

/** One parameter's state in a {@link OptimizerStateDict}. */
export interface ParameterStateDict {
  /** `"<objIdx>.<name>"` when the parameter was stepped through `update`, else `null`. */
  name: string | null;
  /** The parameter's shape, checked when the state is matched to a parameter again. */
  shape: number[];
  /**
   * The parameter's dtype, which its state was kept in. Loading casts the state to the
   * dtype of the parameter it is matched to; a dict without it (as 0.1 wrote them) is
   * read as float64.
   */
  dtype: DType;
  /** How many updates the parameter has had (Adam's t). */
  step: number;
  /** The optimizer's buffers for this parameter (row-major), by buffer name. */
  buffers: Record<string, JsonNumber[]>;
}

/**
 * Everything an optimizer needs to continue where it stopped: its hyperparameters
 * (including the current learning rate) and every live parameter's state, in the order
 * the parameters were first stepped. Plain JSON: `JSON.parse(JSON.stringify(d))` loads
 * back to the identical state.
 */
export interface OptimizerStateDict {
  /** The optimizer's name, e.g. `"Adam"`; loading into another kind of optimizer throws. */
  optimizer: string;
  /** Hyperparameters by option name. */
  options: Record<string, number | boolean>;
  /** Per-parameter state, in the order the parameters were first stepped. */
  state: ParameterStateDict[];
}

/** The state of a learning-rate schedule. */
export interface SchedulerStateDict {
  /** The schedule's name, e.g. `"CosineAnnealingLR"`. */
  scheduler: string;
  /** The learning rate the schedule started from. */
  baseLearningRate: number;
  /** How many times `step()` has been called. */
  lastStep: number;
}
