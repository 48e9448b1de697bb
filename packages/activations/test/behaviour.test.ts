// How the activations behave as functions: types in and out, graphs, gradients at the
// kinks, inputs left alone, and errors for bad input.
import { MLArray, Value, noGrad } from '@smolml/core';
import {
  elu, gelu, hardSigmoid, leakyRelu, linear, logSoftmax, mish, relu, relu6, selu, sigmoid, silu, softmax,
  softplus, swish, tanh,
} from '../src';

const elementwise: [string, <T extends MLArray | Value>(x: T) => T][] = [
  ['relu', relu], ['leakyRelu', (x) => leakyRelu(x)], ['elu', (x) => elu(x)], ['sigmoid', sigmoid], ['tanh', tanh],
  ['linear', linear], ['gelu', (x) => gelu(x)], ['silu', silu], ['swish', swish], ['softplus', (x) => softplus(x)],
  ['relu6', relu6], ['hardSigmoid', hardSigmoid], ['selu', selu], ['mish', mish],
];

describe('types and graphs', () => {
  test.each(elementwise)('%s maps an MLArray to an MLArray of the same shape and a Value to a Value', (_n, f) => {
    const x = new MLArray([[-1.5, 0.5, 2], [3, -0.25, 7]]);
    const y = f(x);
    expect(y).toBeInstanceOf(MLArray);
    expect(y.shape).toEqual([2, 3]);
    const v = f(new Value(0.7));
    expect(v).toBeInstanceOf(Value);
    expect(v.data).toBeCloseTo(f(new MLArray([0.7])).data[0], 15);
  });

  test.each(elementwise)('%s leaves its input unchanged, through backward too', (_n, f) => {
    const x = new MLArray([[-1.5, 0.5, 2], [3, -0.25, 7]]);
    const before = Array.from(x.data);
    f(x).mul(1).sum().backward();
    expect(Array.from(x.data)).toEqual(before);
  });

  test.each(elementwise)('%s records nothing inside noGrad', (_n, f) => {
    const x = new MLArray([-1, 2]);
    const y = noGrad(() => f(x).mul(1));
    expect(y.requiresGrad).toBe(false);
  });

  it('linear returns its input itself, as the original does', () => {
    const x = new MLArray([1, 2]);
    expect(linear(x)).toBe(x);
    const v = new Value(3);
    expect(linear(v)).toBe(v);
  });

  it('records one node for a fused op', () => {
    const x = new MLArray([[1, 2, 3]]);
    for (const [f, op] of [[softmax, 'softmax'], [logSoftmax, 'logSoftmax'], [elu, 'elu'], [gelu, 'gelu'], [softplus, 'softplus'], [selu, 'selu']] as const) {
      const y = f(x);
      expect(y.op).toBe(op);
      expect(y.prev).toHaveLength(1);
      expect(y.prev[0]).toBe(x);
    }
  });

  it('gradients accumulate with the rest of the graph', () => {
    const x = new MLArray([0.3, -0.8]);
    softmax(x).mul(new MLArray([1, 0], { requiresGrad: false })).sum().backward();
    softmax(x).mul(new MLArray([1, 0], { requiresGrad: false })).sum().backward();
    const s = 1 / (1 + Math.exp(-1.1)); // softmax([0.3, -0.8])[0]
    expect(x.grad?.data[0]).toBeCloseTo(2 * s * (1 - s), 15);
  });
});

describe('infinite inputs', () => {
  it('give the limits, on MLArray and on Value alike', () => {
    const limits: [string, (x: MLArray) => MLArray, (v: Value) => Value, [number, number]][] = [
      ['elu', (x) => elu(x), (v) => elu(v), [-1, Infinity]],
      ['softplus', (x) => softplus(x), (v) => softplus(v), [0, Infinity]],
      ['gelu', (x) => gelu(x), (v) => gelu(v), [NaN, Infinity]], // −∞·Φ(−∞) = −∞·0 is NaN, as in PyTorch
      ['relu6', relu6, relu6, [0, 6]],
      ['hardSigmoid', hardSigmoid, hardSigmoid, [0, 1]],
      ['sigmoid', sigmoid, sigmoid, [0, 1]],
    ];
    for (const [name, onArray, onValue, [lo, hi]] of limits) {
      expect([name, Array.from(onArray(new MLArray([-Infinity, Infinity])).data)]).toEqual([name, [lo, hi]]);
      expect([name, onValue(new Value(-Infinity)).data, onValue(new Value(Infinity)).data]).toEqual([name, lo, hi]);
    }
  });
});

describe('gradients at the kinks (conventions)', () => {
  const gradAt = (f: (x: MLArray) => MLArray, x0: number): number => {
    const x = new MLArray([x0]);
    f(x).sum().backward();
    return x.grad?.data[0] ?? NaN;
  };

  it('relu: 0 at 0, as PyTorch', () => expect(gradAt(relu, 0)).toBe(0));
  it('leakyRelu: alpha at 0, as PyTorch', () => expect(gradAt((x) => leakyRelu(x), 0)).toBe(0.01));
  it('elu: alpha at 0, as PyTorch', () => expect(gradAt((x) => elu(x, 0.5), 0)).toBe(0.5));
  it('relu6: 0 at both ends, as PyTorch (hardtanh)', () => {
    expect(gradAt(relu6, 0)).toBe(0);
    expect(gradAt(relu6, 6)).toBe(0);
    expect(gradAt(relu6, 3)).toBe(1);
  });
  it('hardSigmoid: 0 at both ends, as PyTorch', () => {
    expect(gradAt(hardSigmoid, -3)).toBe(0);
    expect(gradAt(hardSigmoid, 3)).toBe(0);
    expect(gradAt(hardSigmoid, 1)).toBeCloseTo(1 / 6, 15);
  });
  it('the Value path follows the same conventions', () => {
    for (const [f, x0, want] of [[relu, 0, 0], [(v: Value) => leakyRelu(v), 0, 0.01], [(v: Value) => elu(v, 0.5), 0, 0.5], [relu6, 6, 0], [hardSigmoid, -3, 0]] as const) {
      const v = new Value(x0);
      f(v).backward();
      expect(v.grad).toBe(want);
    }
  });
});

describe('softmax and logSoftmax', () => {
  it('normalise along the chosen axis, negative axes included', () => {
    const x = new MLArray([[[1, 2], [3, 4], [5, 7]], [[0, 0], [-1, 1], [2, -2]]]); // [2, 3, 2]
    for (const axis of [0, 1, 2, -1, -2, -3]) {
      const y = softmax(x, axis);
      const sums = y.sum(axis).data;
      for (const s of sums) expect(s).toBeCloseTo(1, 15);
      const logY = logSoftmax(x, axis);
      for (let i = 0; i < y.size; i++) expect(logY.data[i]).toBeCloseTo(Math.log(y.data[i]), 14);
    }
  });

  it('do not change when a constant is added along the axis', () => {
    const x = new MLArray([[0.1, -2, 3.3], [1, 1, 1]]);
    const a = softmax(x), b = softmax(x.add(500));
    for (let i = 0; i < a.size; i++) expect(b.data[i]).toBeCloseTo(a.data[i], 14);
  });

  it('give 1 (and 0) for a 0-d array, as PyTorch does', () => {
    expect(softmax(new MLArray(3.5)).item()).toBe(1);
    expect(logSoftmax(new MLArray(3.5)).item()).toBe(0);
  });

  it('propagate NaN like PyTorch instead of hiding it', () => {
    expect(softmax(new MLArray([1, NaN])).data.every(Number.isNaN)).toBe(true);
  });
});

describe('errors', () => {
  it('name the function and the bad input', () => {
    expect(() => relu([1, 2] as unknown as MLArray)).toThrow(/relu: expected an MLArray or a Value, got a plain array/);
    expect(() => tanh(3 as unknown as MLArray)).toThrow(/tanh: expected an MLArray or a Value, got a number/);
    expect(() => gelu(null as unknown as MLArray)).toThrow(TypeError);
    expect(() => mish({} as unknown as MLArray)).toThrow(/mish:/);
  });

  it('softmax and logSoftmax need an MLArray', () => {
    expect(() => softmax(new Value(1) as unknown as MLArray)).toThrow(/softmax: expected an MLArray, got a Value/);
    expect(() => logSoftmax(new Value(1) as unknown as MLArray)).toThrow(TypeError);
  });

  it('reject an axis out of range or not an integer', () => {
    const x = new MLArray([[1, 2], [3, 4]]);
    expect(() => softmax(x, 2)).toThrow(RangeError);
    // core's normalizeAxis words it, as in every package
    expect(() => softmax(x, 2)).toThrow(/^softmax: axis 2 is out of range for an array with 2 dimension\(s\); expected an integer in \[-2, 1\]$/);
    expect(() => logSoftmax(x, -3)).toThrow(/logSoftmax: axis -3/);
    expect(() => softmax(x, 0.5)).toThrow(new RangeError('softmax: axis 0.5 is out of range for an array with 2 dimension(s); expected an integer in [-2, 1]'));
    expect(() => softmax(x, NaN)).toThrow(RangeError);
    expect(() => softmax(x, '1' as unknown as number)).toThrow(new TypeError('softmax: axis must be an integer, got a string'));
  });

  it('reject bad parameters with a RangeError saying what was expected', () => {
    const x = new MLArray([1]);
    expect(() => leakyRelu(x, NaN)).toThrow(/leakyRelu: alpha must be a finite number, got NaN/);
    expect(() => elu(x, Infinity)).toThrow(/elu: alpha must be a finite number/);
    expect(() => gelu(x, 'erf' as 'none')).toThrow(/gelu: approximate must be 'none' or 'tanh', got "erf"/);
    expect(() => softplus(x, 0)).toThrow(/softplus: beta must be a finite number greater than 0, got 0/);
    expect(() => softplus(x, 1, NaN)).toThrow(/softplus: threshold must be a number/);
  });
});
