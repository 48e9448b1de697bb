// The exact GELU's precision far left rests on core's erfc: checked here against
// torch.special.erfc in float64, down to the smallest results.
// Fixture: test/fixtures/erfc-reference.json, from scripts/reference/activations.py.
import * as path from 'node:path';
import { MLArray } from '@smolml/core';
import { type Tensor, loadFixture } from '../../../test-support/fixture';
import { gelu } from '../src';

const [ref] = loadFixture<{ name: string; x: Tensor; erfc: Tensor }>(path.join(__dirname, 'fixtures', 'erfc-reference.json')).cases;

describe("core's erfc, as gelu uses it", () => {
  it('matches PyTorch to 1e-14 relative, down to the smallest results', () => {
    // Purely relative (no absolute floor), so the tiny values far in the tail count as
    // much as the rest; a plain Math.exp(-x * x) inside would be off by up to 6e-14 there.
    const got = MLArray.from(ref.x.data, ref.x.shape, { dtype: 'float64', requiresGrad: false }).erfc().data;
    let worst = 0, worstAt = NaN;
    ref.x.data.forEach((x, i) => {
      const want = ref.erfc.data[i];
      const rel = want === 0 ? Math.abs(got[i]) : Math.abs(got[i] - want) / want;
      if (!(rel <= worst)) { worst = rel; worstAt = x; }
    });
    if (!(worst < 1e-14)) throw new Error(`erfc off by ${worst} relative at x = ${worstAt}`);
    expect(worst).toBeLessThan(1e-14);
  });

  it('gives gelu full relative precision where 1 + erf would cancel, in both dtypes', () => {
    // gelu(-10) = -10·Φ(-10) = -10·½·erfc(10/√2) = -7.619853024160526e-23
    const want = -7.619853024160526e-23;
    expect(Math.abs(gelu(new MLArray([-10])).data[0] / want - 1)).toBeLessThan(1e-13);
    expect(gelu(new MLArray([-10], { dtype: 'float32' })).data[0]).toBe(Math.fround(want));
  });
});
