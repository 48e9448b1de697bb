// Reading the PyTorch reference fixtures (written by scripts/reference/*.py) and
// comparing against them with the repository's tolerances, shared by the test suites of
// several packages (imported by a relative path: a test helper, never published).
//
// It deliberately imports nothing from @smolml/*: a file outside the packages cannot
// resolve them in tsc, and a helper free of core stays usable by every package,
// core included. Each suite wraps `typedData` into its own MLArray in one line.
//
// Tolerances: float64 fixtures are compared at 1e-9 relative for values and 1e-7 for
// gradients. float32 fixtures (PyTorch float32) are compared at 1e-5 relative to the
// larger of |reference| and the fixture's `scale` for that element: the sum of the
// magnitudes of the terms PyTorch's float32 formula adds up, written by the reference
// script. Where torch's own float32 result cancels (1 + erf(x) far left, e^x − 1 near 0),
// ours, computed in float64 and rounded once, may be the more exact of the two. A tiny
// absolute floor only matters for expected values at or near 0.
import * as fs from 'node:fs';

/** A fixture tensor: row-major data of `shape`; float32 fixtures add `scale` (see above). */
export interface Tensor {
  shape: number[];
  data: number[];
  scale?: number[];
}

/** One reference case in the format of scripts/reference/README.md. */
export interface Case<Args> {
  name: string;
  op: string;
  inputs: Tensor[];
  args: Args;
  out: Tensor;
  w: Tensor;
  grads: (Tensor | null)[];
}

/** A fixture file: the generator (script, torch and numpy versions, dtype) and its cases. */
export interface Fixture<T> {
  generator: string;
  cases: T[];
}

/** The element type a fixture was generated in. */
export type FixtureDType = 'float64' | 'float32';

export const VALUE_RTOL = 1e-9;
export const GRAD_RTOL = 1e-7;
/** float32 values and gradients alike, relative to max(|reference|, scale). */
export const F32_RTOL = 1e-5;
export const ATOL = 1e-12;

/** The relative tolerances for a fixture of `dtype`: `{ value, grad }`. */
export function tolerances(dtype: FixtureDType): { value: number; grad: number } {
  return dtype === 'float32' ? { value: F32_RTOL, grad: F32_RTOL } : { value: VALUE_RTOL, grad: GRAD_RTOL };
}

/** Reads a fixture file (an absolute path, e.g. `path.join(__dirname, 'fixtures', name)`). */
export function loadFixture<T>(file: string): Fixture<T> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Fixture<T>;
}

/**
 * The data of `t` as a typed array of `dtype`. For a float32 fixture every datum is a
 * float32 value written as a double, so the conversion is exact; `exactly` checks that.
 */
export function typedData(t: Tensor, dtype: FixtureDType = 'float64'): Float64Array | Float32Array {
  if (dtype === 'float64') return Float64Array.from(t.data);
  const d = Float32Array.from(t.data);
  for (let i = 0; i < d.length; i++) {
    if (!Object.is(d[i], t.data[i])) throw new Error(`fixture datum ${t.data[i]} at flat ${i} is not a float32 value`);
  }
  return d;
}

/**
 * Throws, naming the case and the worst element, unless every element is within
 * `rtol·max(|expected|, scale) + ATOL` (scale only where the fixture gives one). NaN
 * never passes.
 */
export function expectClose(caseName: string, what: string, actual: ArrayLike<number>, expected: Tensor, rtol: number): void {
  if (actual.length !== expected.data.length) {
    throw new Error(`${caseName}: ${what} has ${actual.length} elements, expected ${expected.data.length}`);
  }
  const scale = expected.scale;
  if (scale !== undefined && scale.length !== expected.data.length) {
    throw new Error(`${caseName}: ${what}: the fixture's scale has ${scale.length} elements, its data ${expected.data.length}`);
  }
  let worst = -1, worstRatio = 1, bad = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected.data[i], a = actual[i];
    const err = Math.abs(a - e);
    const size = scale === undefined ? Math.abs(e) : Math.max(Math.abs(e), scale[i]);
    const ratio = Number.isNaN(err) ? Infinity : err / (rtol * size + ATOL);
    if (ratio > 1) {
      bad++;
      if (ratio > worstRatio) { worstRatio = ratio; worst = i; }
    }
  }
  if (bad > 0) {
    const e = expected.data[worst], a = actual[worst];
    const at = scale === undefined ? '' : ` (scale ${scale[worst]})`;
    throw new Error(`${caseName}: ${what}: ${bad}/${actual.length} elements off (rtol ${rtol}); worst at flat ${worst}: expected ${e}${at}, actual ${a}`);
  }
}

/** Throws, naming the case, unless `actual` equals `expected`. */
export function expectShape(caseName: string, what: string, actual: readonly number[], expected: readonly number[]): void {
  if (actual.length !== expected.length || actual.some((n, i) => n !== expected[i])) {
    throw new Error(`${caseName}: ${what} shape is [${actual.join(',')}], expected [${expected.join(',')}]`);
  }
}
