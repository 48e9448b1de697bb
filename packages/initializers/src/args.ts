import { type DType, type Rng, checkDType, defaultDType, defaultRng, describeArg, isRng } from '@smolml/core';
import type { InitializerOptions } from './options';

const COMMON_KEYS = ['rng', 'gain', 'fanIn', 'fanOut', 'requiresGrad', 'dtype'] as const;

/** The parsed, checked arguments of an `initialize` call. */
export interface Parsed<O> {
  dims: number[];
  options: O;
}

const fmt = (dims: readonly unknown[]): string => `[${dims.map(String).join(', ')}]`;

/**
 * Accepts `initialize(3, 4)` and `initialize([3, 4], options)`, checks that every
 * dimension is a positive integer and that no unknown option was given (a misspelt
 * option would otherwise be silently ignored).
 */
export function parseArgs<O extends object>(op: string, args: readonly unknown[], keys: readonly string[]): Parsed<O> {
  let dims: unknown[];
  let options: unknown = {};
  if (Array.isArray(args[0])) {
    if (args.length > 2) {
      throw new RangeError(`${op}: expected (dims, options?), got ${args.length} arguments`);
    }
    dims = (args[0] as unknown[]).slice();
    options = args[1] ?? {};
  } else {
    const last = args[args.length - 1];
    if (typeof last === 'object' && last !== null) {
      throw new RangeError(`${op}: options go with the array form, e.g. ${op}([3, 4], { rng })`);
    }
    dims = args.slice();
  }
  if (dims.length === 0) {
    throw new RangeError(`${op}: expected at least one dimension, e.g. ${op}(784, 128)`);
  }
  for (const d of dims) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      throw new RangeError(`${op}: dimensions must be positive integers, got ${fmt(dims)}`);
    }
  }
  if (typeof options !== 'object' || options === null) {
    throw new RangeError(`${op}: options must be an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) {
      throw new RangeError(`${op}: unknown option '${key}'; expected one of ${keys.join(', ')}`);
    }
  }
  return { dims: dims as number[], options: options as O };
}

/** Keys accepted by every random initializer, plus `extra`. */
export function randomKeys(...extra: string[]): string[] {
  return [...COMMON_KEYS, ...extra];
}

/** A finite number > 0, or a RangeError naming the option. */
export function positive(op: string, name: string, v: number): number {
  if (typeof v !== 'number') throw new TypeError(`${op}: ${name} must be a number, got ${describeArg(v)}`);
  if (!Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${op}: ${name} must be a finite number > 0, got ${String(v)}`);
  }
  return v;
}

/** The random-initializer settings common to all: generator, gain and fans. */
export interface Resolved {
  rng: Rng;
  gain: number;
  fanIn: number;
  fanOut: number;
  requiresGrad: boolean;
  dtype: DType;
}

/** The `requiresGrad` option (true when omitted), or a TypeError naming `op`. */
export function requiresGradOf(op: string, r: unknown): boolean {
  if (r === undefined) return true;
  if (typeof r !== 'boolean') throw new TypeError(`${op}: requiresGrad must be true or false, got ${describeArg(r)}`);
  return r;
}

/** The `rng` option (the default generator when omitted), or a TypeError naming `op`. */
export function rngOf(op: string, r: unknown): Rng {
  if (r === undefined) return defaultRng();
  if (!isRng(r)) throw new TypeError(`${op}: the rng option must be an Rng, got ${describeArg(r)}`);
  return r;
}

/** The `dtype` option (the default dtype when omitted), or a TypeError naming `op`. */
export function fillDType(op: string, d: unknown): DType {
  return d === undefined ? defaultDType() : checkDType(op, d);
}

/**
 * fanIn = dims[0] and fanOut = dims[dims.length - 1] (fanIn for a 1-D shape): weights
 * are shaped (fanIn, fanOut) and used as `x.matmul(W)`.
 */
export function resolve(op: string, dims: readonly number[], o: InitializerOptions): Resolved {
  return {
    rng: rngOf(op, o.rng),
    gain: o.gain === undefined ? 1 : positive(op, 'gain', o.gain),
    fanIn: o.fanIn === undefined ? dims[0] : positive(op, 'fanIn', o.fanIn),
    fanOut: o.fanOut === undefined ? (dims.length > 1 ? dims[dims.length - 1] : dims[0]) : positive(op, 'fanOut', o.fanOut),
    requiresGrad: requiresGradOf(op, o.requiresGrad),
    dtype: fillDType(op, o.dtype),
  };
}
