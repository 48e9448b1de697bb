// The node contract: a fused op declares the typed arrays its backward keeps beyond its
// input and output (so @smolml/memory can count them), and a scalar activation is one
// Value.custom node whose only parent is its input.
import { MLArray, Value } from '@smolml/core';
import { elu, gelu, hardSigmoid, leakyRelu, logSoftmax, relu6, selu, softmax, softplus } from '../src';

const x = new MLArray([[-2.5, -0.5, 0, 0.75], [1.5, 3, -7, 9]]);

describe('fused MLArray ops declare what they keep', () => {
  it('gelu keeps Φ(x), one buffer of the input size', () => {
    const y = gelu(x);
    expect(y.op).toBe('gelu');
    expect(y.savedBuffers).toHaveLength(1);
    const cdf = y.savedBuffers[0] as Float64Array;
    expect(cdf).toBeInstanceOf(Float64Array);
    expect(cdf.length).toBe(x.size);
    // it is Φ(x) itself: gelu(x) = x·Φ(x)
    expect(cdf[4]).toBeCloseTo(y.data[4] / x.data[4], 15);
    expect(cdf[2]).toBe(0.5);
  });

  test.each([
    ['softmax', () => softmax(x)], ['logSoftmax', () => logSoftmax(x, 0)], ['leakyRelu', () => leakyRelu(x)],
    ['elu', () => elu(x)], ['selu', () => selu(x)], ['softplus', () => softplus(x)], ['relu6', () => relu6(x)],
    ['hardSigmoid', () => hardSigmoid(x)],
  ] as const)('%s keeps nothing beyond its input and output', (name, f) => {
    const y = f();
    expect(y.op).toBe(name);
    expect(y.prev).toHaveLength(1);
    expect(y.prev[0]).toBe(x);
    expect(y.savedBuffers).toEqual([]);
  });
});

describe('scalar activations are one Value.custom node', () => {
  test.each([
    ['leakyRelu', (v: Value) => leakyRelu(v)], ['elu', (v: Value) => elu(v)], ['selu', selu],
    ['softplus', (v: Value) => softplus(v)], ['softplus past the threshold', (v: Value) => softplus(v, 1, 0.1)],
    ['gelu', (v: Value) => gelu(v)], ['relu6', relu6], ['hardSigmoid', hardSigmoid],
  ] as const)('%s', (_name, f) => {
    const v = new Value(0.5);
    const y = f(v);
    expect(y.op).toBe('custom');
    expect(y.prev).toHaveLength(1);
    expect(y.prev[0]).toBe(v);
  });

  it('at ±Infinity the value is the limit and the derivative is the formula\'s (as PyTorch)', () => {
    const v = new Value(-Infinity);
    const y = elu(v);
    y.backward();
    expect([y.data, v.grad]).toEqual([-1, 0]);
    const w = new Value(Infinity);
    const s = softplus(w);
    s.backward();
    expect([s.data, w.grad]).toEqual([Infinity, 1]);
  });
});
