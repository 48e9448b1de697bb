// The complementary error function, accurate to a few ulps, for the exact GELU.
// JavaScript has no Math.erf, so it is built from two classic expansions (Abramowitz &
// Stegun 7.1.6 and 7.1.14), each used where it converges fast and loses nothing:
//   |x| < 1.5:  erf x = (2x/√π)·e^(−x²)·Σ (2x²)ⁿ / (1·3·5···(2n+1))   (all terms positive)
//   x ≥ 1.5:    erfc x = e^(−x²) / (√π·(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))))
// The continued fraction is evaluated from the bottom up, which is stable; its depth
// is chosen per range so that the truncation error is below 1 ulp.

const SQRT_PI = Math.sqrt(Math.PI);
const SERIES_CUTOFF = 1.5;

/**
 * e^(−x²) without the rounding error of x²: with x = hi + lo, where hi keeps 24
 * significant bits, hi² is exact in float64 and e^(−x²) = e^(−hi²)·e^(−lo·(x + hi)).
 * (Plain Math.exp(-x * x) is off by up to x²·2⁻⁵³ relative, 1e-13 at x = 27.)
 */
export function expMinusSquare(x: number): number {
  // Past |x| = 38 the result underflows to 0 (e^-1444), and hi could overflow float32.
  if (Math.abs(x) > 38) return 0;
  const hi = Math.fround(x);
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (x + hi));
}

/** The sum Σ (2x²)ⁿ / (2n+1)!! of the erf series, for |x| < 1.5 (at most ~30 terms). */
function erfSeriesSum(x: number): number {
  const twoX2 = 2 * x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
  }
  return sum;
}

/** erfc x for x ≥ 1.5, by the continued fraction. */
function erfcFraction(x: number): number {
  const depth = x < 2 ? 100 : x < 3 ? 60 : 30;
  let f = x;
  for (let k = depth; k >= 1; k--) f = x + k / 2 / f;
  return expMinusSquare(x) / (SQRT_PI * f);
}

/** erfc x = 1 − erf x = (2/√π)∫ₓ^∞ e^(−t²) dt, with full relative precision for large x. */
export function erfc(x: number): number {
  if (x !== x) return NaN;
  if (x >= SERIES_CUTOFF) return erfcFraction(x);
  if (x <= -SERIES_CUTOFF) return 2 - erfcFraction(-x);
  return 1 - ((2 * x) / SQRT_PI) * expMinusSquare(x) * erfSeriesSum(x);
}
