import type { BatchProgress, EpochStats } from './train';

const WIDTH = 24;
const group = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `fraction` of a bar of `width` cells, in eighths of a cell for a smooth edge. */
export function bar(fraction: number, width = WIDTH): string {
  const eighths = Math.round(Math.min(Math.max(fraction, 0), 1) * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const partial = part > 0 ? '▏▎▍▌▋▊▉'[part - 1] : '';
  return '█'.repeat(full) + partial + ' '.repeat(width - full - (partial ? 1 : 0));
}

/** Seconds as `4.2s` or `1m05s`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.round(seconds - 60 * m)).padStart(2, '0')}s`;
}

/**
 * The bar of a run: a live line redrawn in place on a terminal (stderr, so stdout
 * stays clean for pipes), then one finished line per epoch on stdout.
 */
export class ProgressBar {
  private lastDraw = 0;

  constructor(
    private readonly epochs: number,
    private readonly live: { write(text: string): unknown } | null,
    private readonly out: (line: string) => void,
  ) {}

  private head(epoch: number, seen: number, total: number): string {
    const digits = String(this.epochs).length;
    return `epoch ${String(epoch).padStart(digits)}/${this.epochs} │${bar(seen / total)}│ ${group(seen).padStart(group(total).length)}/${group(total)}`;
  }

  /** Redraws the live line, at most ~12 times a second. */
  update(p: BatchProgress): void {
    if (this.live === null) return;
    const now = performance.now();
    if (now - this.lastDraw < 80 && p.seen < p.total) return;
    this.lastDraw = now;
    const rate = p.seen / Math.max(p.seconds, 1e-9);
    const eta = (p.total - p.seen) / rate;
    this.live.write(`\r${this.head(p.epoch, p.seen, p.total)} · ${group(rate)} samples/s · loss ${p.loss.toFixed(4)} · ETA ${duration(eta)}\x1b[K`);
  }

  /** Replaces the live line with the epoch's summary. */
  epochDone(s: EpochStats, total: number): void {
    if (this.live !== null) this.live.write('\r\x1b[K');
    this.out(
      `${this.head(s.epoch, total, total)} · ${group(s.samplesPerSecond)} samples/s · loss ${s.trainLoss.toFixed(4)}` +
        ` · ${duration(s.seconds)} · test accuracy ${s.testAccuracy.toFixed(4)}`,
    );
  }
}
