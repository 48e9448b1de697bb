// The machine's memory ceiling, measured: a plain indexed copy loop moving as many
// bytes as the case it stands beside (relu(a*b+c) reads three arrays and writes one:
// 4n elements of traffic, so the copy reads and writes 2n elements' worth of bytes).
// It copies 8-byte words (Float64Array views) whatever the case's dtype: the limit is
// the bytes, and a JavaScript loop over Float32Array converts every element to a double
// and back, which halves its speed here (a cost of JavaScript, not of the memory).
// Buffers are allocated once and reused, so their pages are mapped before timing
// starts: this is the limit for a kernel that writes into memory it already owns.

function copyWords(dst: Float64Array, src: Float64Array): void {
  const n = src.length;
  for (let i = 0; i < n; i++) dst[i] = src[i];
}

export interface CopyLoop {
  /** Bytes read plus bytes written by one run. */
  bytes: number;
  run(): void;
}

/** A copy loop whose reads plus writes total `bytes` (rounded to whole 8-byte words). */
export function copyLoop(bytes: number): CopyLoop {
  const n = Math.max(1, Math.round(bytes / 16));
  const src = new Float64Array(n).fill(1), dst = new Float64Array(n);
  return { bytes: 16 * n, run: () => copyWords(dst, src) };
}

/**
 * The bandwidth of `TypedArray.prototype.set` (the engine's memcpy) over `bytes` of
 * traffic, in GB/s of CPU time, for reference beside the plain loop: the median of 9
 * timed batches after a warm-up.
 */
export function memcpyBandwidth(bytes: number): number {
  const n = Math.max(1, Math.round(bytes / 16));
  const src = new Float64Array(n).fill(1), dst = new Float64Array(n);
  const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  for (let i = 0; i < 5; i++) dst.set(src);
  const ms: number[] = [];
  for (let k = 0; k < 9; k++) {
    const t0 = cpu();
    for (let i = 0; i < 5; i++) dst.set(src);
    ms.push((cpu() - t0) / 5);
  }
  ms.sort((a, b) => a - b);
  return (16 * n) / ms[4] / 1e6;
}
