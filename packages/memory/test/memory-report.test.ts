import { type DType, Rng, randn, zeros } from '@smolml/core';
import { type RegressionLike, calculateNeuralNetworkSize, formatSize, memoryReport } from '../src';
import { MLPStandIn } from './support/stand-ins';

function trainedMlp(dtype: DType = 'float64'): MLPStandIn {
  const model = new MLPStandIn([784, 128, 10], undefined, 1, dtype);
  const rng = new Rng(5);
  model.trainStep(randn([8, 784], { rng, requiresGrad: false, dtype }), randn([8, 10], { rng, requiresGrad: false, dtype }));
  return model;
}

describe('memoryReport', () => {
  const model = trainedMlp();
  const text = memoryReport(model);
  const lines = text.split('\n');

  it('has a header, one row per layer, optimizer and model rows, and a total', () => {
    expect(lines[0]).toMatch(/^Layer\s+Shape\s+DType\s+Parameters\s+Bytes\s+Share$/);
    expect(lines[1]).toMatch(/^─+$/);
    expect(lines[2]).toMatch(/^0\s+\(784, 128\), \(1, 128\)\s+float64\s+100,480\s+\d+\.\d\d [KM]B\s+\d+\.\d%$/);
    expect(lines[3]).toMatch(/^1\s+\(128, 10\), \(1, 10\)\s+float64\s+1,290\s+\d+\.\d\d KB\s+\d+\.\d%$/);
    expect(lines[4]).toMatch(/^optimizer\s+8 state arrays\s+float64\s+\d+\.\d\d MB\s+\d+\.\d%$/);
    expect(lines[5]).toMatch(/^model objects\s+\d+\.\d\d B\s+0\.0%$/);
    expect(lines[6]).toBe(lines[1]);
    expect(lines[7]).toMatch(/^Total\s+101,770\s+\d+\.\d\d MB\s+100\.0%$/);
  });

  it('agrees with calculateNeuralNetworkSize', () => {
    const r = calculateNeuralNetworkSize(model);
    expect(lines[7]).toContain(formatSize(r.total));
    expect(lines[2]).toContain(formatSize(r.layers[0].total));
    expect(text).toContain(`Typed storage (exact): ${formatSize(r.total - r.breakdown.overhead)} = parameters ${formatSize(8 * 101_770)}`);
    expect(text).toContain(`gradients ${formatSize(8 * 101_770)}`);
    expect(text).toContain(`optimizer state ${formatSize(16 * 101_770)}`);
    expect(text).toContain(`Object overhead (modelled, ${r.layout}): ${formatSize(r.breakdown.overhead)}`);
  });

  it('aligns the columns', () => {
    const table = [0, 2, 3, 4, 5, 7].map((i) => lines[i]);
    const shareEnd = table.map((l) => l.length);
    expect(new Set(shareEnd).size).toBe(1);
  });

  it('shows float32 layers and state, at half the float64 storage', () => {
    const model32 = trainedMlp('float32');
    const out = memoryReport(model32).split('\n');
    expect(out[2]).toMatch(/^0\s+\(784, 128\), \(1, 128\)\s+float32\s+100,480\s/);
    expect(out[4]).toMatch(/^optimizer\s+8 state arrays\s+float32\s/);
    expect(out.join('\n')).toContain(`parameters ${formatSize(4 * 101_770)} + gradients ${formatSize(4 * 101_770)} + optimizer state ${formatSize(8 * 101_770)}`);
    const r32 = calculateNeuralNetworkSize(model32), r64 = calculateNeuralNetworkSize(model);
    expect(r32.breakdown.parameters * 2).toBe(r64.breakdown.parameters);
    expect(r32.layers[0]).toMatchObject({ weightsDType: 'float32', biasesDType: 'float32' });
    expect(r32.optimizer.state.dtypes).toEqual(['float32']);
  });

  it('shows both dtypes where a layer mixes them', () => {
    const mixed = { layers: [{ weights: zeros([2, 3], { dtype: 'float32' }), biases: zeros([1, 3]) }] };
    expect(memoryReport(mixed).split('\n')[2]).toMatch(/^0\s+\(2, 3\), \(1, 3\)\s+float32\/float64\s+9\s/);
  });

  it('reports a regression with weights and bias rows', () => {
    const model: RegressionLike = { weights: zeros([3, 1], { dtype: 'float32' }), bias: zeros(1) };
    const out = memoryReport(model).split('\n');
    expect(out[2]).toMatch(/^weights\s+\(3, 1\)\s+float32\s+3\s/);
    expect(out[3]).toMatch(/^bias\s+\(1,\)\s+float64\s+1\s/);
    expect(out[4]).toMatch(/^optimizer\s+0 state arrays\s+0\.00 B\s+0\.0%$/);
    expect(out[7]).toMatch(/^Total\s+4\s/);
    expect(out[9]).toMatch(/^Typed storage \(exact\): 20\.00 B = parameters 20\.00 B/);
  });

  it('rejects what is neither a network nor a regression', () => {
    expect(() => memoryReport({} as RegressionLike)).toThrow(TypeError);
    expect(() => memoryReport({ layers: 'dense' } as unknown as RegressionLike)).toThrow(/memoryReport: model\.layers must be an array/);
    expect(() => memoryReport({ weights: zeros(2) } as unknown as RegressionLike)).toThrow(/memoryReport: model\.bias must be an MLArray/);
    expect(() => memoryReport({ weights: zeros(2), bias: zeros(1) }, null as unknown as undefined)).toThrow(/memoryReport: options must be an object/);
  });
});
