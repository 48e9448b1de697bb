// The error function and its complement, accurate to a few ulps (JavaScript has no
// Math.erf). Two classic expansions (Abramowitz & Stegun 7.1.6 and 7.1.14), each used
// where it converges fast and loses nothing:
//   |x| < 1.5:  erf x = (2x/√π)·e^(−x²)·Σ (2x²)ⁿ / (1·3·5···(2n+1))   (all terms positive)
//   x ≥ 1.5:    erfc x = e^(−x²) / (√π·(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))))
// The continued fraction is evaluated bottom-up, which is stable; its depth is chosen
// per range so the truncation error is below 1 ulp. erfc keeps full relative precision
// deep in the tail (erfc(26) ≈ 5.7e-296), where 1 − erf would be 0.

const SQRT_PI = Math.sqrt(Math.PI);
const SERIES_CUTOFF = 1.5;

/**
 * e^(−x²) without the rounding error of x²: with x = hi + lo, where hi keeps 24
 * significant bits, hi² is exact in float64 and e^(−x²) = e^(−hi²)·e^(−lo·(x + hi)).
 */
export function expMinusSquare(x: number): number {
  if (Math.abs(x) > 38) return 0; // e^-1444 underflows; hi could overflow float32
  const hi = Math.fround(x);
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (x + hi));
}

function erfSeriesSum(x: number): number {
  const twoX2 = 2 * x * x;
  let term = 1, sum = 1;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
  }
  return sum;
}

function erfcFraction(x: number): number {
  const depth = x < 2 ? 100 : x < 3 ? 60 : 30;
  let f = x;
  for (let k = depth; k >= 1; k--) f = x + k / 2 / f;
  return expMinusSquare(x) / (SQRT_PI * f);
}

/** erf x = (2/√π)∫₀ˣ e^(−t²) dt. */
export function erfOf(x: number): number {
  if (x !== x) return NaN;
  if (x >= SERIES_CUTOFF) return 1 - erfcFraction(x);
  if (x <= -SERIES_CUTOFF) return erfcFraction(-x) - 1;
  return ((2 * x) / SQRT_PI) * expMinusSquare(x) * erfSeriesSum(x);
}

/** erfc x = 1 − erf x, with full relative precision for large x. */
export function erfcOf(x: number): number {
  if (x !== x) return NaN;
  if (x >= SERIES_CUTOFF) return erfcFraction(x);
  if (x <= -SERIES_CUTOFF) return 2 - erfcFraction(-x);
  return 1 - ((2 * x) / SQRT_PI) * expMinusSquare(x) * erfSeriesSum(x);
}

/** d erf(x)/dx = (2/√π)·e^(−x²). */
export function erfGrad(x: number): number {
  return (2 / SQRT_PI) * expMinusSquare(x);
}

/** Rounds half to even (banker's rounding), as PyTorch and numpy do; Math.round rounds half up. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** sign as PyTorch 1.13 computes it: 1, -1 or 0, with 0 for ±0 and for NaN (numpy gives NaN for NaN). */
export function signOf(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}
