// A tiny dependency-free SVG chart writer shared by the demo and the doc-plot scripts.
// It draws what the guides need (line charts, optionally log-scaled, and bar charts)
// and nothing more.

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Dashed stroke, e.g. for a derivative drawn beside its function. */
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  width?: number;
  height?: number;
  /** Fixed y range; computed from the data when omitted. */
  yRange?: [number, number];
  /** Which corner of the plot area holds the legend; top-left when omitted. */
  legend?: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(0) : String(Number(v.toPrecision(4)));
}

/** An SVG line chart of one or more series, with axes, ticks and a legend. */
export function lineChart(series: readonly Series[], o: LineChartOptions): string {
  const W = o.width ?? 640, H = o.height ?? 400;
  const m = { l: 64, r: 16, t: 36, b: 48 };
  const tf = (v: number): number => (o.logY ? Math.log10(v) : v);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      const y = tf(s.y[i]);
      if (!Number.isFinite(y)) continue;
      x0 = Math.min(x0, s.x[i]); x1 = Math.max(x1, s.x[i]);
      y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  if (o.yRange) [y0, y1] = o.logY ? [Math.log10(o.yRange[0]), Math.log10(o.yRange[1])] : o.yRange;
  if (y1 === y0) { y0 -= 1; y1 += 1; }
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  const px = (x: number): number => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
  const py = (y: number): number => H - m.b - ((Math.min(Math.max(y, y0), y1) - y0) / (y1 - y0)) * (H - m.t - m.b);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="15">${esc(o.title)}</text>`);
  const yTicks = o.logY
    ? Array.from({ length: Math.floor(y1) - Math.ceil(y0) + 1 }, (_, i) => Math.ceil(y0) + i)
    : niceTicks(y0, y1);
  for (const t of yTicks) {
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${py(t)}" y2="${py(t)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.l - 6}" y="${py(t) + 4}" text-anchor="end">${o.logY ? fmt(Math.pow(10, t)) : fmt(t)}</text>`);
  }
  for (const t of niceTicks(x0, x1)) {
    out.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${m.t}" y2="${H - m.b}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${px(t)}" y="${H - m.b + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#888"/>`);
  // Legend corner: x of the sample line's start and y of the first entry. Text width is
  // estimated at 7 px a character, enough to keep a right-hand legend inside the plot.
  const corner = o.legend ?? 'top-left';
  const legendW = 44 + 7 * Math.max(0, ...series.map((s) => s.label.length));
  const lx = corner.endsWith('right') ? W - m.r - legendW : m.l + 10;
  const ly = corner.startsWith('bottom') ? H - m.b - 16 * series.length : m.t + 4;
  series.forEach((s, k) => {
    const pts: string[] = [];
    for (let i = 0; i < s.x.length; i++) {
      const y = tf(s.y[i]);
      if (Number.isFinite(y)) pts.push(`${px(s.x[i]).toFixed(2)},${py(y).toFixed(2)}`);
    }
    const color = PALETTE[k % PALETTE.length];
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${pts.join(' ')}"/>`);
  });
  series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly + 10 + 16 * k}" y2="${ly + 10 + 16 * k}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 14 + 16 * k}">${esc(s.label)}</text>`);
  });
  if (o.xLabel) out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 10}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  if (o.yLabel) out.push(`<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export interface Bar {
  label: string;
  value: number;
}

/** A horizontal SVG bar chart, one bar per entry, with the value printed beside it. */
export function barChart(bars: readonly Bar[], o: { title: string; unit?: string; width?: number; format?: (v: number) => string }): string {
  const W = o.width ?? 640, rowH = 26, m = { l: 180, r: 110, t: 40, b: 16 };
  const H = m.t + m.b + rowH * bars.length;
  const max = Math.max(...bars.map((b) => b.value), 1e-300);
  const show = o.format ?? ((v: number): string => `${fmt(v)}${o.unit ?? ''}`);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(o.title)}</text>`);
  bars.forEach((b, i) => {
    const y = m.t + i * rowH;
    const w = Math.max(1, (b.value / max) * (W - m.l - m.r));
    out.push(`<text x="${m.l - 8}" y="${y + 16}" text-anchor="end">${esc(b.label)}</text>`);
    out.push(`<rect x="${m.l}" y="${y + 4}" width="${w.toFixed(2)}" height="${rowH - 8}" fill="${PALETTE[i % PALETTE.length]}"/>`);
    out.push(`<text x="${m.l + w + 6}" y="${y + 16}">${esc(show(b.value))}</text>`);
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
