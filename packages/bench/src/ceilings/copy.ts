// The machine's memory ceiling, measured: a plain indexed copy loop over typed arrays,
// moving as many bytes as the case it stands beside (relu(a*b+c) reads three arrays
// and writes one: 4n elements of traffic, so the copy reads 2n and writes 2n). Buffers
// are allocated once and reused, so their pages are mapped before timing starts: this
// is the limit for a kernel that writes into memory it already owns.
import type { Precision } from '../harness';

// One function per element type: a loop that sees both Float64Array and Float32Array
// is slower in V8 (the house rule for kernels).
function copyF64(dst: Float64Array, src: Float64Array): void {
  const n = src.length;
  for (let i = 0; i < n; i++) dst[i] = src[i];
}

function copyF32(dst: Float32Array, src: Float32Array): void {
  const n = src.length;
  for (let i = 0; i < n; i++) dst[i] = src[i];
}

export interface CopyLoop {
  /** Bytes read plus bytes written by one run. */
  bytes: number;
  run(): void;
}

/** A copy loop whose reads plus writes total `bytes` (rounded to whole elements). */
export function copyLoop(bytes: number, dtype: Precision): CopyLoop {
  const size = dtype === 'float32' ? 4 : 8;
  const n = Math.max(1, Math.round(bytes / (2 * size)));
  if (dtype === 'float32') {
    const src = new Float32Array(n).fill(1), dst = new Float32Array(n);
    return { bytes: 2 * n * size, run: () => copyF32(dst, src) };
  }
  const src = new Float64Array(n).fill(1), dst = new Float64Array(n);
  return { bytes: 2 * n * size, run: () => copyF64(dst, src) };
}
