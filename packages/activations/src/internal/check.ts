/** A RangeError unless `v` is a finite number. */
export function checkFinite(op: string, what: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new RangeError(`${op}: ${what} must be a finite number, got ${String(v)}`);
  }
}

/** A RangeError unless `v` is a finite number greater than 0. */
export function checkPositive(op: string, what: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${op}: ${what} must be a finite number greater than 0, got ${String(v)}`);
  }
}

/** A RangeError unless `v` is an integer. */
export function checkInteger(op: string, what: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new RangeError(`${op}: ${what} must be an integer, got ${String(v)}`);
  }
}
