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

/** How a wrong argument is named in error messages: "a string", "null", "an array"... */
export function describeArg(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (Array.isArray(x)) return 'a plain array';
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name}`;
  const t = typeof x;
  if (t === 'object') {
    const name = (x as object).constructor?.name;
    if (!name || name === 'Object') return 'an object';
    return `${/^(MLArray|[AEIOU])/.test(name) ? 'an' : 'a'} ${name}`;
  }
  return `a ${t}`;
}
