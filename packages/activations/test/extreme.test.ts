// Stability for |x| up to 1e4: no NaN or Infinity where the mathematical value is
// finite, for outputs and gradients, on MLArray and on Value.
import { MLArray, Value } from '@smolml/core';
import {
  activationNames, elu, gelu, getActivation, hardSigmoid, leakyRelu, linear, logSoftmax, mish, relu, relu6,
  selu, sigmoid, silu, softmax, softplus, swish, tanh,
} from '../src';

const BIG = [-1e4, -1e3, -710, -100, -1, 0, 1, 100, 710, 1e3, 1e4];

describe('the cases the issue names', () => {
  it('sigmoid(-1e4) is 0 and sigmoid(1e4) is 1, with finite gradients', () => {
    const x = new MLArray([-1e4, 1e4]);
    const y = sigmoid(x);
    expect(y.toList()).toEqual([0, 1]);
    y.sum().backward();
    expect(x.grad?.toList()).toEqual([0, 0]);
    const v = new Value(-1e4);
    const s = sigmoid(v);
    s.backward();
    expect([s.data, v.grad]).toEqual([0, 0]);
  });

  it('softmax of [1e4, 0] is [1, 0], with a finite gradient', () => {
    const x = new MLArray([1e4, 0]);
    const y = softmax(x);
    expect(y.toList()).toEqual([1, 0]);
    y.mul(new MLArray([2, -1], { requiresGrad: false })).sum().backward();
    for (const g of x.grad?.data ?? [NaN]) expect(Number.isFinite(g)).toBe(true);
  });

  it('logSoftmax of [1e4, 0] is [0, -1e4]', () => {
    const x = new MLArray([1e4, 0]);
    const y = logSoftmax(x);
    expect(y.toList()).toEqual([0, -1e4]);
    y.sum().backward();
    expect(x.grad?.toList()).toEqual([-1, 1]); // 1 − 2·softmax(x)
  });

  it('tanh(1e4) is 1 and tanh(-1e4) is -1, with finite gradients', () => {
    const x = new MLArray([1e4, -1e4]);
    const y = tanh(x);
    expect(y.toList()).toEqual([1, -1]);
    y.sum().backward();
    expect(x.grad?.toList()).toEqual([0, 0]);
    const v = new Value(1e4);
    const t = tanh(v);
    t.backward();
    expect([t.data, v.grad]).toEqual([1, 0]);
  });
});

describe('every activation, on MLArray and Value', () => {
  test.each(activationNames.map((n) => [n]))('%s stays finite for |x| up to 1e4', (name) => {
    const f = getActivation(name);
    const x = new MLArray(BIG);
    const y = f(x);
    y.sum().backward();
    for (const v of y.data) expect(Number.isFinite(v)).toBe(true);
    for (const g of x.grad?.data ?? []) expect(Number.isFinite(g)).toBe(true);
  });

  const scalar: [string, (v: Value) => Value][] = [
    ['relu', relu], ['leakyRelu', (v) => leakyRelu(v)], ['elu', (v) => elu(v)], ['sigmoid', sigmoid],
    ['tanh', tanh], ['linear', (v) => linear(v).mul(1)], ['gelu', (v) => gelu(v)], ['gelu tanh', (v) => gelu(v, 'tanh')],
    ['silu', silu], ['swish', swish], ['softplus', (v) => softplus(v)], ['relu6', relu6],
    ['hardSigmoid', hardSigmoid], ['selu', selu], ['mish', mish],
  ];
  test.each(scalar)('%s on Value stays finite for |x| up to 1e4', (_name, f) => {
    for (const x of BIG) {
      const v = new Value(x);
      const y = f(v);
      y.backward();
      expect(Number.isFinite(y.data)).toBe(true);
      expect(Number.isFinite(v.grad)).toBe(true);
    }
  });

  it('saturates to the right limits', () => {
    const x = new MLArray([-1e4, 1e4], { requiresGrad: false });
    expect(elu(x).toList()).toEqual([-1, 1e4]);
    expect(selu(x).data[0]).toBeCloseTo(-1.0507009873554805 * 1.6732632423543772, 15);
    expect(gelu(x).toList()).toEqual([-0, 1e4]);
    expect(softplus(x).toList()).toEqual([0, 1e4]);
    expect(mish(x).toList()).toEqual([-0, 1e4]);
    expect(silu(x).toList()).toEqual([-0, 1e4]);
    expect(relu6(x).toList()).toEqual([0, 6]);
    expect(hardSigmoid(x).toList()).toEqual([0, 1]);
  });
});

describe('precision where the naive formulas lose it', () => {
  it('elu and selu use expm1 near 0', () => {
    expect(elu(new MLArray([-1e-10])).data[0]).toBe(Math.expm1(-1e-10));
    expect(elu(new Value(-1e-10)).data).toBe(Math.expm1(-1e-10));
  });

  it('softplus keeps tiny results (log1p) and large ones (no overflow)', () => {
    const y = softplus(new MLArray([-50, 800]), 1, Infinity);
    expect(y.data[0]).toBe(Math.log1p(Math.exp(-50)));
    expect(y.data[1]).toBe(800);
  });

  it('exact gelu keeps relative precision for negative inputs', () => {
    // gelu(-10) = -10·Φ(-10) = -7.619853024160526e-23; 1 + erf(-10/√2) would cancel to 0.
    expect(gelu(new MLArray([-10])).data[0]).toBeCloseTo(-7.619853024160526e-23, 35);
    expect(Math.abs(gelu(new MLArray([-10])).data[0] / -7.619853024160526e-23 - 1)).toBeLessThan(1e-13);
  });
});
