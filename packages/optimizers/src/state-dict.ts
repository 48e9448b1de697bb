/**
 * A float64 as it travels through JSON. Finite numbers are plain JSON numbers, which
 * `JSON.stringify` writes with enough digits to read back the identical double; the
 * values JSON cannot hold (NaN, ±Infinity, and the sign of -0) travel as strings.
 */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/** One parameter's state in a {@link OptimizerStateDict}. */
export interface ParameterStateDict {
  /** `"<objIdx>.<name>"` when the parameter was stepped through `update`, else `null`. */
  name: string | null;
  /** The parameter's shape, checked when the state is matched to a parameter again. */
  shape: number[];
  /** How many updates the parameter has had (Adam's t). */
  step: number;
  /** The optimizer's buffers for this parameter (row-major), by buffer name. */
  buffers: Record<string, JsonNumber[]>;
}

/**
 * Everything an optimizer needs to continue where it stopped: its hyperparameters
 * (including the current learning rate) and every parameter's state, in the order the
 * parameters were first stepped. Plain JSON: `JSON.parse(JSON.stringify(d))` loads back
 * to the identical state.
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

/** `data` as JSON-safe numbers (non-finite values and -0 as strings). */
export function encodeNumbers(data: Float64Array): JsonNumber[] {
  const out = new Array<JsonNumber>(data.length);
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (Number.isFinite(x)) out[i] = x === 0 && 1 / x < 0 ? '-0' : x;
    else out[i] = Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
  }
  return out;
}

const TOKENS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** Reads numbers written by {@link encodeNumbers} into `target`, or throws naming `where`. */
export function decodeNumbers(values: unknown, target: Float64Array, where: string): void {
  if (!Array.isArray(values) || values.length !== target.length) {
    const got = Array.isArray(values) ? `${values.length} values` : String(values);
    throw new RangeError(`${where}: expected an array of ${target.length} numbers, got ${got}`);
  }
  for (let i = 0; i < target.length; i++) {
    const v: unknown = values[i];
    if (typeof v === 'number') target[i] = v;
    else if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(TOKENS, v)) target[i] = TOKENS[v];
    else throw new RangeError(`${where}[${i}]: expected a number, got ${JSON.stringify(v)}`);
  }
}
