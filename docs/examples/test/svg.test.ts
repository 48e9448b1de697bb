// The chart writer behind every SVG in docs/images: what it draws must be what the data
// says. Curves beyond the y-range are cut at the frame (not flattened onto it), colours
// follow the series, log axes fit the data in one notation, legends cover no data, and a
// one-series bar chart has one colour.
import { OPTIMIZER_COLORS } from '../src/plots/colors';
import { PALETTE, barChart, lineChart } from '../src/plots/svg';

/** Every path's points, in pixels, with the stroke colour. */
function paths(svg: string): { color: string; clip: string | null; points: [number, number][] }[] {
  return [...svg.matchAll(/<path ([^>]*)d="([^"]*)"\/>/g)].map((m) => ({
    color: /stroke="([^"]+)"/.exec(m[1])?.[1] ?? '',
    clip: /clip-path="url\(#([^)]+)\)"/.exec(m[1])?.[1] ?? null,
    points: [...m[2].matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((p) => [Number(p[1]), Number(p[2])]),
  }));
}

/** The plot area: the frame rectangle (the one with a grey stroke). */
function frame(svg: string): { x0: number; y0: number; x1: number; y1: number } {
  const m = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none" stroke="#888"\/>/.exec(svg);
  if (m === null) throw new Error('no frame');
  const [x, y, w, h] = m.slice(1).map(Number);
  return { x0: x, y0: y, x1: x + w, y1: y + h };
}

/** Tick labels on the y axis (the right-aligned texts left of the frame). */
function yLabels(svg: string): string[] {
  return [...svg.matchAll(/<text x="58" y="[-\d.]+" text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]);
}

const xs = Array.from({ length: 101 }, (_, i) => -5 + i / 10);

describe('lineChart', () => {
  test('a curve beyond the y-range is cut at the frame and clipped, not flattened along it', () => {
    const svg = lineChart([{ label: 'x²', x: xs, y: xs.map((v) => v * v) }], { title: 'clip', yRange: [0, 4] });
    const f = frame(svg);
    const [p] = paths(svg);
    expect(p.clip).not.toBeNull();
    expect(svg).toContain(`<clipPath id="${p.clip}"><rect x="${f.x0}" y="${f.y0}" width="${f.x1 - f.x0}" height="${f.y1 - f.y0}"/></clipPath>`);
    // Cut within a stroke's width of the frame (the clip path trims the rest)…
    for (const [, y] of p.points) expect(y).toBeGreaterThanOrEqual(f.y0 - 4 - 1e-9);
    // …and no run of points along the top edge (what clamping used to draw).
    const atTop = ([, y]: [number, number]): boolean => Math.abs(y - f.y0) < 0.5;
    expect(p.points.filter((q, i) => i > 0 && atTop(q) && atTop(p.points[i - 1]))).toEqual([]);
    // Only the part with x² ≤ 4 (plus those 4 px, 4/316 of the range) is drawn: |x| ≤ 2.013.
    const px = (x: number): number => f.x0 + ((x + 5) / 10) * (f.x1 - f.x0);
    for (const [x] of p.points) {
      expect(x).toBeGreaterThanOrEqual(px(-Math.sqrt(4 + (4 * 4) / 316)) - 0.01);
      expect(x).toBeLessThanOrEqual(px(Math.sqrt(4 + (4 * 4) / 316)) + 0.01);
    }
  });

  test('each series keeps the colour it is given, whatever its position', () => {
    const a = lineChart(
      [{ label: 'reference', x: xs, y: xs, color: '#777777' }, { label: 'Adam', x: xs, y: xs.map((v) => -v), color: OPTIMIZER_COLORS.Adam }],
      { title: 'a' },
    );
    const b = lineChart([{ label: 'Adam', x: xs, y: xs.map((v) => -v), color: OPTIMIZER_COLORS.Adam }], { title: 'b' });
    expect(paths(a).map((p) => p.color)).toEqual(['#777777', OPTIMIZER_COLORS.Adam]);
    expect(paths(b).map((p) => p.color)).toEqual([OPTIMIZER_COLORS.Adam]);
    // Without a colour, series take the palette in order.
    const c = lineChart([{ label: 'one', x: xs, y: xs }, { label: 'two', x: xs, y: xs.map((v) => -v) }], { title: 'c' });
    expect(paths(c).map((p) => p.color)).toEqual([PALETTE[0], PALETTE[1]]);
  });

  test('a log axis spans the decades that hold the data, labelled in one notation', () => {
    // Data from 0.003 to 25: decades 10⁻³ … 10², not up to 1e+8.
    const y = xs.map((_, i) => 0.003 * Math.pow(25 / 0.003, i / 100));
    const labels = yLabels(lineChart([{ label: 'l', x: xs, y }], { title: 'log', logY: true }));
    expect(labels).toEqual(['0.001', '0.01', '0.1', '1', '10', '100']);
    // Many decades: powers of ten for every label, never a mix of 0.01 and 1e-5.
    const wide = xs.map((_, i) => Math.pow(10, -12 + (14 * i) / 100));
    const w = yLabels(lineChart([{ label: 'l', x: xs, y: wide }], { title: 'wide', logY: true }));
    expect(w[0]).toBe('10⁻¹²');
    expect(w[w.length - 1]).toBe('10²');
    expect(w.every((l) => /^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(l))).toBe(true);
  });

  test('linear tick labels share one number of decimals', () => {
    const labels = yLabels(lineChart([{ label: 'l', x: xs, y: xs.map((v) => (v + 5) / 1000) }], { title: 'lin' }));
    expect(labels.length).toBeGreaterThanOrEqual(4);
    const decimals = new Set(labels.map((l) => (l.split('.')[1] ?? '').length));
    expect(decimals.size).toBe(1);
  });

  test('the legend covers no data: it moves to a free corner, or below the plot', () => {
    const legendBox = (svg: string): { x0: number; y0: number; x1: number; y1: number } => {
      const lines = [...svg.matchAll(/<line x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)" y2="[\d.]+" stroke="[^"]+" stroke-width="2"/g)].map((m) => m.slice(1).map(Number));
      const texts = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)">([^<]*)<\/text>/g)].map((m) => [Number(m[1]), Number(m[2]), m[3].length] as const);
      return {
        x0: Math.min(...lines.map((l) => l[0])),
        y0: Math.min(...lines.map((l) => l[2])) - 8,
        x1: Math.max(...texts.map(([x, , n]) => x + 7 * n)),
        y1: Math.max(...texts.map(([, y]) => y)) + 4,
      };
    };
    const inside = (b: { x0: number; y0: number; x1: number; y1: number }, [x, y]: [number, number]): boolean => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
    // A rising line fills the top-right and bottom-left corners: the legend takes top-left.
    const rising = lineChart([{ label: 'rising', x: xs, y: xs }], { title: 'r', legend: 'top-right' });
    const box = legendBox(rising);
    expect(box.x0).toBeLessThan(frame(rising).x0 + 20);
    for (const p of paths(rising)) for (const pt of p.points) expect(inside(box, pt)).toBe(false);
    // Curves through every corner and both edge middles: the legend goes below, the chart grows.
    const crowded = lineChart(
      [
        { label: 'up', x: xs, y: xs },
        { label: 'down', x: xs, y: xs.map((v) => -v) },
        { label: 'top', x: xs, y: xs.map(() => 5) },
        { label: 'bottom', x: xs, y: xs.map(() => -5) },
      ],
      { title: 'crowded', height: 300 },
    );
    expect(crowded).toMatch(/^<svg [^>]*height="(\d+)"/);
    expect(Number(/height="(\d+)"/.exec(crowded)?.[1])).toBeGreaterThan(300);
    expect(legendBox(crowded).y0).toBeGreaterThan(frame(crowded).y1);
  });

  test('a gap (NaN) breaks the curve instead of joining across it', () => {
    const y = xs.map((v) => (Math.abs(v) < 1 ? NaN : v));
    const svg = lineChart([{ label: 'gap', x: xs, y }], { title: 'gap' });
    const [p] = paths(svg);
    const d = /<path [^>]*d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(p.points.length).toBe(y.filter(Number.isFinite).length);
  });
});

describe('barChart', () => {
  test('one series of bars is one colour', () => {
    const svg = barChart([{ label: 'a', value: 1 }, { label: 'b', value: 2 }, { label: 'c', value: 3 }], { title: 'bars' });
    const fills = [...svg.matchAll(/<rect x="180" [^>]*fill="([^"]+)"/g)].map((m) => m[1]);
    expect(fills).toEqual([PALETTE[0], PALETTE[0], PALETTE[0]]);
  });
});
