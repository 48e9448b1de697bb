// A tiny dependency-free SVG chart writer shared by the demo and the doc-plot scripts.
// It draws what the guides need (line charts, optionally log-scaled, and bar charts)
// and nothing more, but what it draws can be trusted:
//   - a curve that leaves the y-range is cut at the frame (an SVG clipPath, after the
//     segments are cut exactly at a band just outside it), never flattened onto it;
//   - a series may carry its own colour, so one optimizer or one loss keeps its colour
//     across related charts whatever else each chart shows;
//   - a log axis spans the whole decades that hold the data, with every tick label in
//     one notation;
//   - the legend goes where it covers no data (a corner, the middle of an edge), else
//     below the plot;
//   - a bar chart's bars share one colour (they are one series) unless a bar says otherwise.

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Dashed stroke, e.g. for a derivative drawn beside its function. */
  dashed?: boolean;
  /** Stroke colour; `PALETTE[index of the series]` when omitted. */
  color?: string;
}

/** A corner of the plot area. */
export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
type Place = Corner | 'top-center' | 'bottom-center';

export interface LineChartOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  width?: number;
  height?: number;
  /**
   * Fixed y range; curves beyond it are clipped at the frame. Computed from the data
   * when omitted: its range and 4% more each side, or on a log axis the whole decades
   * that hold it.
   */
  yRange?: [number, number];
  /**
   * The corner tried first for the legend (top-left when omitted). The legend only goes
   * where it covers no data: the other corners are tried next, then the middle of the
   * top and bottom edges, then the space below the plot.
   */
  legend?: Corner;
}

/** The colours series and bars take in order when they name none. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'] as const;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A title at 15 px, or smaller when it would not fit `width` (at about 0.56 em a character). */
function title(text: string, width: number, y: number): string {
  const size = Math.min(15, Math.floor((width - 24) / (0.56 * text.length)));
  return `<text x="${width / 2}" y="${y}" text-anchor="middle" font-size="${size}">${esc(text)}</text>`;
}

/** A short stable hash, for ids that must be unique within a document (clip paths). */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The largest 1-2-5 step that puts at least four ticks in [lo, hi]. */
function tickStep(lo: number, hi: number): number {
  const count = (step: number): number => Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
  for (let e = Math.ceil(Math.log10(hi - lo)); ; e--) {
    for (const m of [5, 2, 1]) {
      const step = m * Math.pow(10, e);
      if (count(step) >= 4) return step;
    }
  }
}

/** Ticks at the multiples of a 1-2-5 step in [lo, hi], four to ten of them. */
function niceTicks(lo: number, hi: number): { ticks: number[]; step: number } {
  if (!(hi > lo)) return { ticks: [lo], step: 1 };
  const step = tickStep(lo, hi);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return { ticks, step };
}

/**
 * Labels for linear ticks a `step` apart, all in one notation: fixed decimals (as many
 * as the step needs), or exponents with the same number of digits when the numbers are
 * very large or the step very small.
 */
function linearLabels(ticks: readonly number[], step: number): string[] {
  const big = Math.max(...ticks.map(Math.abs));
  if (big >= 1e6 || step < 1e-4) {
    const digits = Math.max(0, Math.floor(Math.log10(big || 1)) - Math.floor(Math.log10(step)));
    return ticks.map((t) => (t === 0 ? '0' : t.toExponential(Math.min(digits, 6))));
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return ticks.map((t) => (Object.is(Number(t.toFixed(decimals)), -0) ? 0 : t).toFixed(decimals));
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/**
 * Ticks of a log axis spanning exponents [e0, e1] of 10, and their labels in one
 * notation: plain numbers when every tick lies in [0.001, 10000], else 10ⁿ for all.
 * Short ranges also get ticks at 2 and 5 times each decade.
 */
function logTicks(e0: number, e1: number): { at: number[]; labels: string[] } {
  const values: number[] = [];
  const decades = Math.floor(e1) - Math.ceil(e0);
  const every = Math.max(1, Math.ceil(decades / 10));
  if (decades <= 2) {
    for (let e = Math.floor(e0); e <= Math.ceil(e1); e++) {
      for (const m of [1, 2, 5]) {
        const v = Number((m * Math.pow(10, e)).toPrecision(6));
        if (Math.log10(v) >= e0 - 1e-9 && Math.log10(v) <= e1 + 1e-9) values.push(v);
      }
    }
  } else {
    // Every decade, or every `every`-th one counted from 10⁰, so 1 is always a tick.
    for (let e = Math.ceil(e0 / every - 1e-9) * every; e <= e1 + 1e-9; e += every) values.push(Math.pow(10, e));
  }
  const plain = values.every((v) => v >= 1e-3 - 1e-12 && v <= 1e4);
  const labels = values.map((v) => {
    if (plain) return String(Number(v.toPrecision(6)));
    const e = Math.round(Math.log10(v));
    const m = Math.round(v / Math.pow(10, e));
    return `${m === 1 ? '' : `${m}×`}10${String(e).split('').map((c) => SUPERSCRIPT[c]).join('')}`;
  });
  return { at: values.map(Math.log10), labels };
}

interface Box { x0: number; y0: number; x1: number; y1: number }

/** Whether the segment (ax, ay)–(bx, by) meets the box (Liang–Barsky). */
function segmentHitsBox(ax: number, ay: number, bx: number, by: number, r: Box): boolean {
  const dx = bx - ax, dy = by - ay;
  let t0 = 0, t1 = 1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    return true;
  };
  return clip(-dx, ax - r.x0) && clip(dx, r.x1 - ax) && clip(-dy, ay - r.y0) && clip(dy, r.y1 - ay) && t0 <= t1;
}

/**
 * The part of the segment from a to b whose y lies in [lo, hi], as the parameters
 * [t0, t1] along it, or null when none does.
 */
function clipY(ay: number, by: number, lo: number, hi: number): [number, number] | null {
  if (ay === by) return ay >= lo && ay <= hi ? [0, 1] : null;
  let t0 = (lo - ay) / (by - ay), t1 = (hi - ay) / (by - ay);
  if (t0 > t1) [t0, t1] = [t1, t0];
  t0 = Math.max(0, t0);
  t1 = Math.min(1, t1);
  return t0 <= t1 ? [t0, t1] : null;
}

/** An SVG line chart of one or more series, with axes, ticks and a legend. */
export function lineChart(series: readonly Series[], o: LineChartOptions): string {
  const W = o.width ?? 640;
  let H = o.height ?? 400;
  const m = { l: 64, r: 16, t: 36, b: 48 };
  const tf = (v: number): number => (o.logY ? Math.log10(v) : v);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      const y = tf(s.y[i]);
      if (!Number.isFinite(y) || !Number.isFinite(s.x[i])) continue;
      x0 = Math.min(x0, s.x[i]); x1 = Math.max(x1, s.x[i]);
      y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  if (!Number.isFinite(x0)) throw new RangeError(`lineChart: no finite points to draw in '${o.title}'`);
  if (o.yRange) {
    [y0, y1] = o.logY ? [Math.log10(o.yRange[0]), Math.log10(o.yRange[1])] : o.yRange;
  } else if (o.logY) {
    // Whole decades around the data: its largest value sets the top decade, not a guess.
    [y0, y1] = [Math.floor(y0 + 1e-9), Math.ceil(y1 - 1e-9)];
    if (y1 - y0 < 1) y1 = y0 + 1;
  } else if (y1 > y0) {
    // A margin of 4% each side, so a curve at its extreme is drawn whole, not half
    // hidden under the frame.
    const pad = 0.04 * (y1 - y0);
    [y0, y1] = [y0 - pad, y1 + pad];
  }
  if (y1 === y0) { y0 -= 1; y1 += 1; }
  if (x1 === x0) { x0 -= 1; x1 += 1; }

  // The legend's size: a sample line and the label, at about 7 px a character.
  const rowH = 16;
  const entryW = 40 + 7 * Math.max(0, ...series.map((s) => s.label.length));
  const legendH = rowH * series.length + 8;

  // The plot area, in pixels. A legend that has to go below it makes the chart taller.
  const left = m.l, right = W - m.r, top = m.t;
  const bottom = H - m.b;
  const px = (x: number): number => left + ((x - x0) / (x1 - x0)) * (right - left);
  const pyAt = (y: number, b: number): number => b - ((y - y0) / (y1 - y0)) * (b - top);

  /** Each series as polylines in pixels, cut where it leaves a band just outside the frame. */
  const trace = (b: number): number[][][] =>
    series.map((s) => {
      const lines: number[][] = [];
      let cur: number[] | null = null;
      const lo = top - 4, hi = b + 4; // a stroke's width beyond the frame: the clip path trims the rest
      let prev: [number, number] | null = null;
      for (let i = 0; i < s.x.length; i++) {
        const ty = tf(s.y[i]);
        const p: [number, number] | null = Number.isFinite(ty) && Number.isFinite(s.x[i]) ? [px(s.x[i]), pyAt(ty, b)] : null;
        if (p === null) { prev = null; cur = null; continue; }
        if (prev === null) {
          if (p[1] >= lo && p[1] <= hi) { cur = [p[0], p[1]]; lines.push(cur); } else cur = null;
          prev = p;
          continue;
        }
        const t = clipY(prev[1], p[1], lo, hi);
        if (t === null) { cur = null; prev = p; continue; }
        const at = (u: number): [number, number] => [prev![0] + u * (p[0] - prev![0]), prev![1] + u * (p[1] - prev![1])];
        if (cur === null || t[0] > 0) { cur = [...at(t[0])]; lines.push(cur); }
        cur.push(...at(t[1]));
        if (t[1] < 1) cur = null;
        prev = p;
      }
      return lines;
    });

  // Where the legend goes: the first place (the preferred corner first, then the other
  // corners, then the middle of the top and bottom edges) whose box meets no segment of
  // any curve; failing all, below the plot, which makes the chart taller.
  const traced = trace(bottom);
  const corners: Place[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'top-center', 'bottom-center'];
  const order = o.legend ? [o.legend, ...corners.filter((c) => c !== o.legend)] : corners;
  const boxAt = (c: Place): Box => {
    const bx = c.endsWith('right') ? right - 8 - entryW : c.endsWith('center') ? (left + right - entryW) / 2 : left + 8;
    const by = c.startsWith('bottom') ? bottom - 6 - legendH : top + 6;
    return { x0: bx, y0: by, x1: bx + entryW, y1: by + legendH };
  };
  const free = (r: Box): boolean =>
    traced.every((lines) => lines.every((l) => {
      if (l.length === 2) return !segmentHitsBox(l[0], l[1], l[0], l[1], r);
      for (let i = 2; i < l.length; i += 2) if (segmentHitsBox(l[i - 2], l[i - 1], l[i], l[i + 1], r)) return false;
      return true;
    }));
  let legendBox: Box | null = null;
  let legendCols = 1;
  for (const c of order) {
    const r = boxAt(c);
    if (free(r)) { legendBox = r; break; }
  }
  if (legendBox === null) {
    // Below the x-axis label, in as many columns as fit.
    legendCols = Math.max(1, Math.min(series.length, Math.floor((right - left) / entryW)));
    const rows = Math.ceil(series.length / legendCols);
    const extra = rows * rowH + 12;
    H += extra;
    legendBox = { x0: left, y0: H - extra, x1: left + legendCols * entryW, y1: H - 4 };
  }
  const legend = legendBox;
  const py = (y: number): number => pyAt(y, bottom);

  const out: string[] = [];
  const clipId = `plot-${hash(`${o.title}|${W}|${H}`)}`;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<defs><clipPath id="${clipId}"><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}"/></clipPath></defs>`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(title(o.title, W, 20));
  let yTicks: number[], yLabels: string[];
  if (o.logY) {
    const t = logTicks(y0, y1);
    [yTicks, yLabels] = [t.at, t.labels];
  } else {
    const t = niceTicks(y0, y1);
    [yTicks, yLabels] = [t.ticks, linearLabels(t.ticks, t.step)];
  }
  yTicks.forEach((t, i) => {
    const y = py(t).toFixed(2);
    out.push(`<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${left - 6}" y="${(py(t) + 4).toFixed(2)}" text-anchor="end">${yLabels[i]}</text>`);
  });
  const xt = niceTicks(x0, x1);
  linearLabels(xt.ticks, xt.step).forEach((label, i) => {
    const x = px(xt.ticks[i]).toFixed(2);
    out.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${bottom}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${x}" y="${bottom + 16}" text-anchor="middle">${label}</text>`);
  });
  out.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#888"/>`);
  const colorOf = (s: Series, k: number): string => s.color ?? PALETTE[k % PALETTE.length];
  series.forEach((s, k) => {
    const d = traced[k]
      .map((l) => l.reduce((acc, v, i) => acc + (i % 2 === 0 ? `${i === 0 ? 'M' : ' L'}${v.toFixed(2)}` : `,${v.toFixed(2)}`), ''))
      .join(' ');
    if (d === '') return;
    out.push(`<path clip-path="url(#${clipId})" fill="none" stroke="${colorOf(s, k)}" stroke-width="2" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="6 4"' : ''} d="${d}"/>`);
  });
  series.forEach((s, k) => {
    const col = k % legendCols, row = Math.floor(k / legendCols);
    const lx = legend.x0 + 6 + col * entryW, ly = legend.y0 + 4 + row * rowH;
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly + 8}" y2="${ly + 8}" stroke="${colorOf(s, k)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 12}">${esc(s.label)}</text>`);
  });
  if (o.xLabel) out.push(`<text x="${(left + right) / 2}" y="${bottom + 38}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  if (o.yLabel) out.push(`<text transform="translate(16 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export interface Bar {
  label: string;
  value: number;
  /** The bar's colour; {@link PALETTE}[0] when omitted, so one series reads as one. */
  color?: string;
}

/** A horizontal SVG bar chart, one bar per entry, with the value printed beside it. */
export function barChart(bars: readonly Bar[], o: { title: string; unit?: string; width?: number; format?: (v: number) => string }): string {
  const W = o.width ?? 640, rowH = 26, m = { l: 180, r: 110, t: 40, b: 16 };
  const H = m.t + m.b + rowH * bars.length;
  const max = Math.max(...bars.map((b) => b.value), 1e-300);
  const show = o.format ?? ((v: number): string => `${Number(v.toPrecision(4))}${o.unit ?? ''}`);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(title(o.title, W, 22));
  bars.forEach((b, i) => {
    const y = m.t + i * rowH;
    const w = Math.max(1, (b.value / max) * (W - m.l - m.r));
    out.push(`<text x="${m.l - 8}" y="${y + 16}" text-anchor="end">${esc(b.label)}</text>`);
    out.push(`<rect x="${m.l}" y="${y + 4}" width="${w.toFixed(2)}" height="${rowH - 8}" fill="${b.color ?? PALETTE[0]}"/>`);
    out.push(`<text x="${(m.l + w + 6).toFixed(2)}" y="${y + 16}">${esc(show(b.value))}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/**
 * Charts made by {@link lineChart} or {@link barChart}, stacked top to bottom in one
 * SVG (e.g. a loss panel above an accuracy panel).
 */
export function stackCharts(charts: readonly string[]): string {
  let height = 0, width = 0;
  const parts: string[] = [];
  for (const chart of charts) {
    const m = /^<svg [^>]*?width="([\d.]+)" height="([\d.]+)"/.exec(chart);
    if (m === null) throw new Error('stackCharts: expected SVGs made by lineChart or barChart');
    parts.push(chart.trim().replace('<svg ', `<svg x="0" y="${height}" `));
    width = Math.max(width, Number(m[1]));
    height += Number(m[2]);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${parts.join('\n')}\n</svg>\n`;
}
