// The machine limits as contenders of a case: they do the case's arithmetic (at the
// SIMD peak loop's rate) or move its bytes (in the copy loop), not its work, and are
// timed in the same interleaved rounds as everyone else. Ours divided by them, paired
// per round, is the fraction of the limit ours reaches.
import type { Contender, Instance, Precision } from '../harness';
import { copyLoop } from './copy';
import { peakLoops } from './peak';

export function limitContender(precision: Precision): Contender {
  return {
    id: precision === 'float32' ? 'limit-f32' : 'limit-f64',
    name: `machine limit (${precision === 'float32' ? 'f32x4' : 'f64x2'} peak / copy)`,
    precision,
    role: 'limit',
    enter: () => {},
  };
}

/**
 * A limit instance: `flops` at the SIMD peak rate of `dtype`'s lanes, then a copy
 * loop moving `bytes` (either may be 0). Phases of a training step (matmuls, then the
 * optimizer's memory-bound pass) do not overlap, so their limits add up.
 */
export function limit(dtype: Precision, flops: number, bytes: number): Instance {
  const peak = peakLoops()[dtype === 'float32' ? 'f32x4' : 'f64x2'];
  const copy = bytes > 0 ? copyLoop(bytes) : null;
  let sink = 0;
  return {
    run: () => {
      if (flops > 0) sink += peak.run(flops);
      copy?.run();
    },
    result: () => [sink],
  };
}

/** Bytes per element. */
export const bytesOf = (dtype: Precision): number => (dtype === 'float32' ? 4 : 8);
