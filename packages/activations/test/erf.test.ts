// Our erfc (the exact GELU depends on it) against torch.special.erfc in float64.
// Fixture: test/fixtures/erfc-reference.json, from scripts/reference/activations.py.
import { erfc, expMinusSquare } from '../src/internal/erf';
import * as path from 'node:path';
import { type Tensor, loadFixture } from '../../../test-support/fixture';

const [ref] = loadFixture<{ name: string; x: Tensor; erfc: Tensor }>(path.join(__dirname, 'fixtures', 'erfc-reference.json')).cases;

describe('erfc', () => {
  it('matches PyTorch to 1e-14 relative, down to the smallest results', () => {
    // Purely relative (no absolute floor), so the tiny values far in the tail count as
    // much as the rest; a plain Math.exp(-x * x) inside would be off by up to 6e-14 there.
    let worst = 0, worstAt = NaN;
    ref.x.data.forEach((x, i) => {
      const want = ref.erfc.data[i], got = erfc(x);
      const rel = want === 0 ? Math.abs(got) : Math.abs(got - want) / want;
      if (!(rel <= worst)) { worst = rel; worstAt = x; }
    });
    if (!(worst < 1e-14)) throw new Error(`erfc off by ${worst} relative at x = ${worstAt}`);
    expect(worst).toBeLessThan(1e-14);
  });

  it('handles the ends and NaN', () => {
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(0)).toBe(1);
    expect(erfc(NaN)).toBeNaN();
  });

  it('gives e^(-x²), exactly where x² is exact, and 0 where it underflows', () => {
    expect(expMinusSquare(26.5)).toBe(Math.exp(-702.25));
    expect(expMinusSquare(-1.5)).toBe(Math.exp(-2.25));
    expect(expMinusSquare(40)).toBe(0);
    expect(expMinusSquare(Infinity)).toBe(0);
    expect(expMinusSquare(NaN)).toBeNaN();
  });
});
