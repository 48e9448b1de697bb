// The task: three interleaved spirals in the plane, a classic that a linear model
// cannot separate. Drawn from a seeded Rng, so every run sees the same points.
import { MLArray, type Rng, oneHot } from '@smolml/core';

export const CLASSES = 3;

/** Points (n, 2), one-hot targets (n, 3) and the labels as numbers. */
export interface Split {
  x: MLArray;
  y: MLArray;
  labels: Float64Array;
  count: number;
}

/** `perClass` points of each spiral arm, with Gaussian noise, split at random into training and validation. */
export function spirals(perClass: number, validation: number, rng: Rng): { train: Split; val: Split } {
  const n = perClass * CLASSES;
  const points = new Float64Array(n * 2);
  const labels = new Float64Array(n);
  for (let c = 0; c < CLASSES; c++) {
    for (let i = 0; i < perClass; i++) {
      const r = i / perClass;
      const angle = (4 * r + (2 * Math.PI * c) / CLASSES) + rng.normal(0, 0.2);
      const k = c * perClass + i;
      points[2 * k] = r * Math.cos(angle);
      points[2 * k + 1] = r * Math.sin(angle);
      labels[k] = c;
    }
  }
  const order = rng.shuffle(Uint32Array.from({ length: n }, (_, i) => i));
  const part = (idx: Uint32Array): Split => {
    const x = new Float64Array(idx.length * 2), l = new Float64Array(idx.length);
    idx.forEach((j, i) => { x[2 * i] = points[2 * j]; x[2 * i + 1] = points[2 * j + 1]; l[i] = labels[j]; });
    return {
      x: MLArray.from(x, [idx.length, 2], { requiresGrad: false }),
      y: oneHot(l, CLASSES),
      labels: l,
      count: idx.length,
    };
  };
  return { train: part(order.subarray(validation)), val: part(order.subarray(0, validation)) };
}
