import { describeArg } from '@smolml/core';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * A byte count for people: 1024-based units (B, KB, MB, GB, TB) with two decimals.
 * The unit is chosen so the printed number stays below 1024 (so 1023.999 B prints as
 * "1.00 KB", not "1024.00 B"); past 1024 TB the number keeps growing in TB.
 *
 * @example
 * formatSize(512);          // "512.00 B"
 * formatSize(1536);         // "1.50 KB"
 * formatSize(3 * 1024 ** 3); // "3.00 GB"
 */
export function formatSize(bytes: number): string {
  if (typeof bytes !== 'number') {
    throw new TypeError(`formatSize: expected a number of bytes, got ${describeArg(bytes)}`);
  }
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new RangeError(`formatSize: expected a finite, non-negative number of bytes, got ${bytes}`);
  }
  let value = bytes;
  let unit = 0;
  while (unit < UNITS.length - 1 && Number(value.toFixed(2)) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${twoDecimals(value)} ${UNITS[unit]}`;
}

// `toFixed` switches to exponent notation from 1e21 on; past that, print the digits.
function twoDecimals(v: number): string {
  if (v < 1e21) return v.toFixed(2);
  const cents = BigInt(Math.round(v * 100)).toString();
  return `${cents.slice(0, -2)}.${cents.slice(-2)}`;
}
