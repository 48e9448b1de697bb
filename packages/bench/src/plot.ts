// A log-log SVG line chart for the scaling plots: time per run against problem size,
// one line per contender. Estimated points (a contender skipped by its time cap) are
// drawn as hollow circles on a dashed line, so what was measured stays distinguishable.

export interface LogSeries {
  label: string;
  points: { x: number; y: number; estimated?: boolean }[];
  /** Drawn thin and grey-dashed: a machine limit rather than a library. */
  reference?: boolean;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A size tick: 1000 → "1000", 1e5 → "1e5". */
function sizeTick(v: number): string {
  return v >= 1e4 ? `1e${Math.round(Math.log10(v))}` : String(v);
}

/** A time tick from milliseconds: 1e-3 → "1 µs", 10 → "10 ms", 1e4 → "10 s". */
function timeTick(ms: number): string {
  if (ms < 1) return `${Number((ms * 1000).toPrecision(3))} µs`;
  if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

export function logLogChart(series: readonly LogSeries[], o: { title: string; xLabel: string; yLabel: string; width?: number; height?: number }): string {
  const W = o.width ?? 760, H = o.height ?? 460;
  const legendW = 250;
  const m = { l: 64, r: 16 + legendW, t: 36, b: 48 };
  const all = series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0);
  const lx = all.map((p) => Math.log10(p.x)), ly = all.map((p) => Math.log10(p.y));
  const pad = 0.04 * (Math.max(...lx) - Math.min(...lx) || 1);
  const x0 = Math.min(...lx) - pad, x1 = Math.max(...lx) + pad;
  const y0 = Math.floor(Math.min(...ly)), y1 = Math.ceil(Math.max(...ly));
  const px = (x: number): number => m.l + ((Math.log10(x) - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const py = (y: number): number => H - m.b - ((Math.log10(y) - y0) / (y1 - y0 || 1)) * (H - m.t - m.b);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${(W - legendW) / 2}" y="20" text-anchor="middle" font-size="15">${esc(o.title)}</text>`);
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e);
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.l - 6}" y="${y + 4}" text-anchor="end">${timeTick(10 ** e)}</text>`);
  }
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  for (const x of xs) {
    out.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${m.t}" y2="${H - m.b}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${px(x)}" y="${H - m.b + 16}" text-anchor="middle">${esc(sizeTick(x))}</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#888"/>`);
  let k = 0;
  series.forEach((s, i) => {
    const color = s.reference ? '#777' : PALETTE[k++ % PALETTE.length];
    const pts = s.points.filter((p) => p.x > 0 && p.y > 0).sort((a, b) => a.x - b.x);
    // Measured segments solid; any segment touching an estimate dashed.
    for (let j = 1; j < pts.length; j++) {
      const a = pts[j - 1], b = pts[j];
      const dashed = s.reference || a.estimated || b.estimated;
      out.push(`<line x1="${px(a.x).toFixed(1)}" y1="${py(a.y).toFixed(1)}" x2="${px(b.x).toFixed(1)}" y2="${py(b.y).toFixed(1)}" stroke="${color}" stroke-width="${s.reference ? 1.5 : 2}"${dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    }
    for (const p of pts) {
      out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3.5" fill="${p.estimated ? 'white' : color}" stroke="${color}" stroke-width="1.5"/>`);
    }
    const ly2 = m.t + 8 + 18 * i, lx2 = W - legendW + 8;
    out.push(`<line x1="${lx2}" x2="${lx2 + 24}" y1="${ly2}" y2="${ly2}" stroke="${color}" stroke-width="2"${s.reference ? ' stroke-dasharray="5 4"' : ''}/>`);
    out.push(`<text x="${lx2 + 30}" y="${ly2 + 4}">${esc(s.label)}</text>`);
  });
  const ly3 = m.t + 8 + 18 * series.length + 6;
  out.push(`<circle cx="${W - legendW + 20}" cy="${ly3}" r="3.5" fill="white" stroke="#333" stroke-width="1.5"/>`);
  out.push(`<text x="${W - legendW + 38}" y="${ly3 + 4}">skipped by the time cap: estimate</text>`);
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 10}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/**
 * Ratios as horizontal bars on a log scale around 1×: a bar to the right (blue) where
 * SmolML is faster, to the left (red) where the peer is; 0.5× and 2× are the same length.
 */
export function ratioChart(bars: readonly { label: string; value: number; estimated?: boolean }[], o: { title: string; format: (v: number) => string; width?: number }): string {
  const W = o.width ?? 760, rowH = 26, m = { l: 170, r: 70, t: 40, b: 30 };
  const H = m.t + m.b + rowH * bars.length;
  const logs = bars.map((b) => Math.log10(b.value));
  const lo = Math.min(-0.5, Math.floor(Math.min(...logs))), hi = Math.max(0.5, Math.ceil(Math.max(...logs)));
  const px = (l: number): number => m.l + ((l - lo) / (hi - lo)) * (W - m.l - m.r);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(o.title)}</text>`);
  for (let e = lo; e <= hi; e++) {
    out.push(`<line x1="${px(e)}" x2="${px(e)}" y1="${m.t - 4}" y2="${H - m.b}" stroke="${e === 0 ? '#333' : '#e5e5e5'}"/>`);
    out.push(`<text x="${px(e)}" y="${H - m.b + 16}" text-anchor="middle">${esc(o.format(10 ** e))}</text>`);
  }
  bars.forEach((b, i) => {
    const y = m.t + i * rowH, l = Math.log10(b.value);
    const x0 = px(Math.min(0, l)), x1 = px(Math.max(0, l));
    const color = l >= 0 ? '#1f77b4' : '#d62728';
    out.push(`<text x="${m.l - 8}" y="${y + 16}" text-anchor="end">${esc(b.label)}</text>`);
    out.push(`<rect x="${x0.toFixed(1)}" y="${y + 4}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${rowH - 8}" fill="${b.estimated ? 'white' : color}" stroke="${color}"/>`);
    const tx = l >= 0 ? x1 + 6 : x0 - 6;
    out.push(`<text x="${tx.toFixed(1)}" y="${y + 16}" text-anchor="${l >= 0 ? 'start' : 'end'}">${esc((b.estimated ? '≈ ' : '') + o.format(b.value))}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
