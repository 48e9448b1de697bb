// float32: every activation returns its input's dtype, with gradients in that dtype; the
// fused kernels compute in double and round once, so on float32 input they give exactly
// the float32 rounding of the float64 result. Value stays float64.
import { MLArray, Value } from '@smolml/core';
import { activationNames, elu, gelu, getActivation, hardSigmoid, leakyRelu, relu6, selu, softplus } from '../src';

const values = [-9, -3, -1.25, -0.5, 0, 0.375, 1, 2.5, 6, 30];
const f32 = (requiresGrad = true): MLArray => new MLArray(values, { dtype: 'float32', requiresGrad });
const f64 = (): MLArray => new MLArray(values.map((v) => Math.fround(v)), { dtype: 'float64' });

describe('each activation keeps the dtype it is given', () => {
  test.each(activationNames.map((n) => [n]))('%s', (name) => {
    const act = getActivation(name);
    for (const dtype of ['float32', 'float64'] as const) {
      const x = new MLArray([[-1.5, 0.25], [2, -3]], { dtype });
      const y = act(x);
      expect(y.dtype).toBe(dtype);
      expect(y.data).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
      if (y !== x) {
        y.sum().backward();
        expect(x.grad?.dtype).toBe(dtype);
      }
    }
  });

  it('Value stays float64', () => {
    expect(typeof gelu(new Value(0.1)).data).toBe('number');
    expect(gelu(new Value(0.1)).data).toBe(gelu(new MLArray([0.1])).data[0]);
  });

  it('gelu keeps its Φ(x) in the input dtype (half the bytes in float32)', () => {
    const saved = gelu(f32()).savedBuffers;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toBeInstanceOf(Float32Array);
  });
});

const FUSED: [string, (x: MLArray) => MLArray][] = [
  ['gelu', (x) => gelu(x)], ['leakyRelu (alpha exact in float32)', (x) => leakyRelu(x, 0.25)],
  ['elu', (x) => elu(x)], ['softplus', (x) => softplus(x)], ['relu6', relu6], ['hardSigmoid', hardSigmoid],
];

describe('fused float32 kernels round the double result once', () => {
  test.each(FUSED)('%s', (_name, f) => {
    const a = f(f32()), b = f(f64());
    expect(Array.from(a.data)).toEqual(Array.from(b.data, (v) => Math.fround(v)));
  });

  it('selu rounds its constants to float32 first, as PyTorch does', () => {
    const a = selu(f32(false)), b = selu(f64());
    for (let i = 0; i < values.length; i++) expect(Math.abs(a.data[i] - b.data[i])).toBeLessThanOrEqual(2e-7 * Math.abs(b.data[i]) + 1e-30);
    expect(a.data[8]).toBe(Math.fround(Math.fround(1.0507009873554805) * 6));
  });
});
