import { MLArray, Rng, gradCheck, randn } from '../src';

// Finite-difference checks for the toolkit's elementwise ops and reductions (float64),
// away from kinks and poles, and the astype cast in both directions.
const rng = new Rng(11);
const r = (...shape: number[]): MLArray => randn(shape, { rng });
const within = (lo: number, hi: number, ...shape: number[]): MLArray =>
  MLArray.from(r(...shape).data.map((v) => lo + ((Math.tanh(v) + 1) / 2) * (hi - lo)), shape);

function expectOk(fn: (...xs: MLArray[]) => MLArray, inputs: MLArray[]): void {
  const res = gradCheck(fn, inputs);
  if (!res.ok) throw new Error(res.message);
  expect(res.ok).toBe(true);
}

const unary: [string, (a: MLArray) => MLArray, () => MLArray][] = [
  ['log1p', (a) => a.log1p(), () => within(-0.8, 3, 3, 4)],
  ['expm1', (a) => a.expm1(), () => r(3, 4)],
  ['erf', (a) => a.erf(), () => r(3, 4).mul(1.5)],
  ['erfc', (a) => a.erfc(), () => r(3, 4).mul(1.5)],
  ['sin', (a) => a.sin(), () => r(3, 4).mul(2)],
  ['cos', (a) => a.cos(), () => r(3, 4).mul(2)],
  ['square', (a) => a.square(), () => r(3, 4)],
  ['reciprocal', (a) => a.reciprocal(), () => within(0.4, 3, 3, 4)],
];

describe('gradCheck: toolkit elementwise', () => {
  test.each(unary)('%s', (_n, fn, make) => expectOk(fn, [make().detach()]));
  test.each(['sign', 'floor', 'ceil', 'round'] as const)('%s has a zero gradient', (op) => {
    const x = within(0.1, 0.4, 2, 3);
    x.requiresGrad = true;
    x[op]().mul(3).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expectOk((a) => a[op]().add(a.mul(2)), [x.detach()]);
  });
});

describe('gradCheck: toolkit reductions', () => {
  const axes: (number | null)[] = [null, 0, 1, -1];
  test.each(axes)('logsumexp axis=%s', (axis) => expectOk((a) => a.logsumexp(axis), [r(3, 4)]));
  test.each(axes)('var axis=%s', (axis) => expectOk((a) => a.var(axis, false, 1), [r(3, 4)]));
  test.each(axes)('std correction 1 axis=%s', (axis) => expectOk((a) => a.std(axis, true, 1), [r(3, 4)]));
  test.each(axes)('prod axis=%s', (axis) => expectOk((a) => a.prod(axis), [within(0.5, 1.5, 3, 4)]));
  test('prod with one zero and with two zeros (exact gradients)', () => {
    expectOk((a) => a.prod(1), [new MLArray([[2, 0, -1.5, 3], [0, 2, 0, -1]])]);
  });
  test.each([0, 1, -1])('cumsum axis=%s', (axis) => expectOk((a) => a.cumsum(axis).mul(a), [r(3, 4)]));
  test('astype round trip f64 → f32 → f64 passes the gradient', () => {
    const x = r(3);
    const y = x.astype('float32').mul(2).astype('float64').sum();
    y.backward();
    expect(Array.from(x.grad!.data)).toEqual([2, 2, 2]);
    expect(x.astype('float64')).toBe(x);
  });
});
