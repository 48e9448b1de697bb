// @ts-check
/* global document */
// A small live line chart in SVG: training curve (a smoothed per-step line) and test
// points (one per epoch, joined), against epochs on x. Redrawn whole on each update;
// at a few hundred points that is cheaper than it sounds.

const NS = 'http://www.w3.org/2000/svg';
const W = 260, H = 160;
const M = { left: 34, right: 10, top: 8, bottom: 32 };

/** @typedef {{ x: number, y: number }} Point */

/**
 * @param {string} tag @param {Record<string, string | number>} attrs @param {string} [text]
 * @returns {SVGElement}
 */
function el(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * A round step (1, 2 or 5 × 10^k) that splits `range` into about `count` parts.
 * @param {number} range @param {number} [count]
 * @example niceStep(0.2); // 0.05
 */
export function niceStep(range, count = 4) {
  const raw = range / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/**
 * Makes `svg` (viewBox 0 0 260 160) a chart with x from 0 to `xMax` epochs.
 * `yRange(values)` picks the y-axis from the values shown.
 *
 * @param {SVGSVGElement} svg
 * @param {{ xMax: number, yRange: (values: number[]) => [number, number], format: (y: number) => string }} options
 * @returns {{ update: (train: readonly Point[], test: readonly Point[]) => void }}
 */
export function createChart(svg, { xMax, yRange, format }) {
  const id = svg.id || 'chart';
  /** @param {readonly Point[]} train @param {readonly Point[]} test */
  const update = (train, test) => {
    svg.replaceChildren();
    const [y0, y1] = yRange([...train, ...test].map((p) => p.y));
    const sx = (/** @type {number} */ x) => M.left + ((W - M.left - M.right) * x) / xMax;
    const sy = (/** @type {number} */ y) => H - M.bottom - ((H - M.top - M.bottom) * (y - y0)) / (y1 - y0);

    // Data outside the range is clipped at the frame, never squashed onto it.
    const clip = el('clipPath', { id: `${id}-clip` });
    clip.append(el('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom }));
    svg.append(clip);

    const step = niceStep(y1 - y0);
    for (let t = Math.ceil(y0 / step - 1e-9) * step; t <= y1 + 1e-9; t += step) {
      svg.append(el('line', { x1: M.left, x2: W - M.right, y1: sy(t), y2: sy(t), class: 'grid' }));
      svg.append(el('text', { x: M.left - 6, y: sy(t) + 3.5, class: 'tick', 'text-anchor': 'end' }, format(t)));
    }
    for (let e = 0; e <= xMax; e++) {
      svg.append(el('line', { x1: sx(e), x2: sx(e), y1: H - M.bottom, y2: H - M.bottom + 4, class: 'axis' }));
      svg.append(el('text', { x: sx(e), y: H - M.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, String(e)));
    }
    svg.append(el('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }));
    svg.append(el('text', { x: (M.left + W - M.right) / 2, y: H - 2, class: 'tick', 'text-anchor': 'middle' }, 'epoch'));

    const plot = el('g', { 'clip-path': `url(#${id}-clip)` });
    const path = (/** @type {readonly Point[]} */ pts) => pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join('');
    if (train.length > 1) plot.append(el('path', { d: path(train), class: 'line train' }));
    if (test.length > 1) plot.append(el('path', { d: path(test), class: 'line test' }));
    for (const p of test) plot.append(el('circle', { cx: sx(p.x), cy: sy(p.y), r: 3, class: 'dot test' }));
    svg.append(plot);
  };
  update([], []);
  return { update };
}
