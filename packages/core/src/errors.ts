/**
 * Thrown when the shapes given to an op cannot work together. The message names
 * the op and every shape involved, e.g. `matmul: cannot multiply [2, 3] by [4, 5]`.
 *
 * @example
 * try { new MLArray([1, 2]).add(new MLArray([1, 2, 3])); }
 * catch (e) { e instanceof ShapeError; e.op === 'add'; }
 */
export class ShapeError extends Error {
  /** The op that rejected its input, e.g. `"matmul"`. */
  readonly op: string;
  /** The shapes it was given, in argument order. */
  readonly shapes: readonly (readonly number[])[];

  constructor(op: string, message: string, shapes: readonly (readonly number[])[] = []) {
    super(`${op}: ${message}`);
    this.name = 'ShapeError';
    this.op = op;
    this.shapes = shapes;
  }
}

/** `[2, 3]` as it appears in error messages. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
