// Reading the PyTorch reference fixtures and comparing against them with the
// repository's tolerances: 1e-9 relative for values, 1e-7 for gradients, and a tiny
// absolute floor that only matters for expected values at or near 0.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MLArray } from '@smolml/core';

export interface Tensor {
  shape: number[];
  data: number[];
}

export interface Case<Args> {
  name: string;
  op: string;
  inputs: Tensor[];
  args: Args;
  out: Tensor;
  w: Tensor;
  grads: (Tensor | null)[];
}

export const VALUE_RTOL = 1e-9;
export const GRAD_RTOL = 1e-7;
export const ATOL = 1e-12;

export function loadFixture<T>(file: string): { generator: string; cases: T[] } {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', file), 'utf8')) as { generator: string; cases: T[] };
}

export const toArray = (t: Tensor, requiresGrad = true): MLArray =>
  MLArray.from(Float64Array.from(t.data), t.shape, { requiresGrad });

/** Throws, naming the case and the worst element, unless every element is within tolerance. */
export function expectClose(caseName: string, what: string, actual: ArrayLike<number>, expected: Tensor, rtol: number): void {
  if (actual.length !== expected.data.length) {
    throw new Error(`${caseName}: ${what} has ${actual.length} elements, expected ${expected.data.length}`);
  }
  let worst = -1, worstRatio = 1, bad = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected.data[i], a = actual[i];
    const err = Math.abs(a - e);
    const ratio = Number.isNaN(err) ? Infinity : err / (rtol * Math.abs(e) + ATOL);
    if (ratio > 1) {
      bad++;
      if (ratio > worstRatio) { worstRatio = ratio; worst = i; }
    }
  }
  if (bad > 0) {
    const e = expected.data[worst], a = actual[worst];
    throw new Error(`${caseName}: ${what}: ${bad}/${actual.length} elements off (rtol ${rtol}); worst at flat ${worst}: expected ${e}, actual ${a}`);
  }
}

export function expectShape(caseName: string, what: string, actual: readonly number[], expected: readonly number[]): void {
  if (actual.length !== expected.length || actual.some((n, i) => n !== expected[i])) {
    throw new Error(`${caseName}: ${what} shape is [${actual.join(',')}], expected [${expected.join(',')}]`);
  }
}
