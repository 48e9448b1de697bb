// @ts-check
/* global document */
// The ten class probabilities as horizontal bars, one row per digit, the likeliest marked.

/**
 * Fills `list` with ten rows (digit, bar, percentage) and returns a function that shows
 * probabilities (ten numbers summing to 1), or clears the bars when given null.
 *
 * @param {HTMLElement} list an `<ol>`
 * @returns {(probabilities: ArrayLike<number> | null) => void}
 */
export function createBars(list) {
  const rows = Array.from({ length: 10 }, (_, d) => {
    const li = document.createElement('li');
    li.innerHTML = `<span class="digit">${d}</span><span class="bar"><span class="fill"></span></span><span class="pct"></span>`;
    list.append(li);
    return {
      li,
      fill: /** @type {HTMLElement} */ (li.querySelector('.fill')),
      pct: /** @type {HTMLElement} */ (li.querySelector('.pct')),
    };
  });
  return (probabilities) => {
    let best = -1;
    if (probabilities !== null) for (let d = 0; d < 10; d++) if (best < 0 || probabilities[d] > probabilities[best]) best = d;
    rows.forEach((r, d) => {
      const p = probabilities === null ? 0 : probabilities[d];
      r.fill.style.width = `${(100 * p).toFixed(1)}%`;
      r.pct.textContent = probabilities === null ? '' : `${(100 * p).toFixed(p >= 0.995 || p < 0.005 ? 0 : 1)}%`;
      r.li.classList.toggle('best', d === best);
    });
  };
}
