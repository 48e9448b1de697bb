// clipGradNorm and clipGradValue.
import { MLArray } from '@smolml/core';
import { clipGradNorm, clipGradValue } from '../src';

function withGrad(values: number[], grad: number[]): MLArray {
  const p = new MLArray(values);
  p.mul(new MLArray(grad, { requiresGrad: false })).sum().backward();
  return p;
}
const gradOf = (p: MLArray): number[] => [...(p.grad as MLArray).data];

test('returns the total norm over all parameters and rescales to maxNorm', () => {
  const a = withGrad([0, 0], [3, 0]);
  const b = withGrad([0], [4]);
  expect(clipGradNorm([a, b], 1)).toBe(5);
  const scale = 1 / (5 + 1e-6);
  expect(gradOf(a)).toEqual([3 * scale, 0]);
  expect(gradOf(b)).toEqual([4 * scale]);
});

test('gradients within the limit are left alone', () => {
  const a = withGrad([0, 0], [0.3, -0.4]);
  expect(clipGradNorm([a], 1)).toBeCloseTo(0.5, 15);
  expect(gradOf(a)).toEqual([0.3, -0.4]);
});

test('parameters without a gradient are skipped; values are never touched', () => {
  const a = withGrad([7, 8], [6, 8]);
  const none = new MLArray([1]);
  expect(clipGradNorm([a, none], 5)).toBe(10);
  expect(none.grad).toBeNull();
  expect([...a.data]).toEqual([7, 8]);
});

test('huge and tiny gradients do not overflow or underflow the norm', () => {
  const big = withGrad([0, 0], [3e200, 4e200]);
  expect(clipGradNorm([big], 1)).toBeCloseTo(5e200, -186);
  expect(Math.hypot(...gradOf(big))).toBeCloseTo(1, 6);
  const tiny = withGrad([0, 0], [3e-200, 4e-200]);
  expect(clipGradNorm([tiny], 1) / 5e-200).toBeCloseTo(1, 14);
});

test.each([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
])('a %s gradient throws a clear RangeError and changes nothing', (_name, bad) => {
  const a = withGrad([0, 0], [1, 1]);
  const b = withGrad([0, 0], [1, 2]);
  (b.grad as MLArray).data[1] = bad;
  expect(() => clipGradNorm([a, b], 0.1)).toThrow(RangeError);
  expect(() => clipGradNorm([a, b], 0.1)).toThrow(/total gradient norm is (NaN|Infinity)/);
  expect(gradOf(a)).toEqual([1, 1]);
  expect(gradOf(b)).toEqual([1, bad]);
});

test('clipGradValue clamps each element to [-c, c]', () => {
  const a = withGrad([0, 0, 0, 0], [0.2, -3, 5, -0.1]);
  clipGradValue([a, new MLArray([1])], 1);
  expect(gradOf(a)).toEqual([0.2, -1, 1, -0.1]);
});

test.each([0, -1, NaN, Infinity])('maxNorm / clipValue %p throws', (bad) => {
  const a = withGrad([0], [1]);
  expect(() => clipGradNorm([a], bad)).toThrow(/clipGradNorm: maxNorm must be a finite number > 0/);
  expect(() => clipGradValue([a], bad)).toThrow(/clipGradValue: clipValue must be a finite number > 0/);
});

test('non-arrays are a TypeError', () => {
  expect(() => clipGradNorm([1 as never], 1)).toThrow(TypeError);
  expect(() => clipGradValue([null as never], 1)).toThrow(TypeError);
});
