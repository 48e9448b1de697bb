// The regression, binary and multi-class cases of the original SmolML loss test,
// compared with their TensorFlow/Keras values. TensorFlow cannot be installed here, so
// the Keras values are the Keras 3 loss formulas evaluated in numpy by
// scripts/reference/losses.py (reduce over the last axis, average over the batch,
// epsilon 1e-7, categorical cross-entropy renormalising each row before clipping);
// fixture test/fixtures/keras-reference.json. PyTorch's value is recorded beside each.
import { MLArray } from '@smolml/core';
import { binaryCrossEntropy, categoricalCrossEntropy, huberLoss, maeLoss, mseLoss } from '../src';
import * as path from 'node:path';
import { type Tensor, loadFixture } from '../../../test-support/fixture';

interface KerasCase {
  name: string;
  op: string;
  inputs: [Tensor, Tensor];
  args: { delta?: number };
  keras: number;
  torch: number;
  agree: boolean;
}

const { cases, generator } = loadFixture<KerasCase>(path.join(__dirname, 'fixtures', 'keras-reference.json'));
const arr = (t: Tensor): MLArray => MLArray.from(Float64Array.from(t.data), t.shape);
const ours = (c: KerasCase): number => {
  const [p, y] = [arr(c.inputs[0]), arr(c.inputs[1])];
  switch (c.op) {
    case 'mseLoss': return mseLoss(p, y).item();
    case 'maeLoss': return maeLoss(p, y).item();
    case 'huberLoss': return huberLoss(p, y, c.args.delta ?? 1).item();
    case 'binaryCrossEntropy': return binaryCrossEntropy(p, y).item();
    case 'categoricalCrossEntropy': return categoricalCrossEntropy(p, y).item();
    default: throw new Error(`unknown op ${c.op}`);
  }
};
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

it('the fixture holds the Keras formulas and all three kinds of case', () => {
  expect(generator).toMatch(/Keras 3 loss formulas evaluated in numpy/);
  for (const kind of ['regression', 'binary', 'multi-class']) expect(cases.some((c) => c.name.startsWith(kind))).toBe(true);
});

describe('where the conventions agree, we give the Keras (and PyTorch) value', () => {
  test.each(cases.filter((c) => c.agree).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const value = ours(c);
    expect(rel(value, c.keras)).toBeLessThan(1e-9);
    expect(rel(value, c.torch)).toBeLessThan(1e-9);
  });
});

describe('where they part, the difference is the documented clipping', () => {
  test.each(cases.filter((c) => !c.agree).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // Predicted 1e-9 for a true 1 (and 0.1 for a true 0): we clip at 1e-15, so the first
    // term is −log(1e-9) ≈ 20.7; Keras clips at 1e-7 (≈ 16.1); PyTorch clamps log at −100.
    const value = ours(c);
    const expected = (-Math.log(1e-9) - Math.log(0.9)) / 2;
    expect(rel(value, expected)).toBeLessThan(1e-12);
    expect(rel(value, c.torch)).toBeLessThan(1e-9);
    expect(rel(c.keras, (-Math.log(1e-7) - Math.log(0.9)) / 2)).toBeLessThan(1e-12);
    expect(value - c.keras).toBeCloseTo(Math.log(100) / 2, 9);
  });
});
