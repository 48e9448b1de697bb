// @ts-check
// The drawing pad: a canvas that takes mouse, pen and touch strokes through pointer
// events, in white ink on black like MNIST's digits, and says when a stroke ends.

/** Ink width in canvas pixels: about a tenth of a digit drawn across most of the pad, as in MNIST. */
export const BRUSH = 22;

/**
 * Makes `canvas` a drawing pad. `onStroke` runs after each stroke (pointer up).
 *
 * @param {HTMLCanvasElement} canvas
 * @param {{ onStroke: () => void }} handlers
 * @returns {{ clear: () => void, isEmpty: () => boolean, image: () => ImageData }}
 */
export function createPad(canvas, { onStroke }) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d', { willReadFrequently: true }));
  let empty = true;
  /** @type {number | null} the pointer drawing now; a second finger is ignored */
  let active = null;
  let last = { x: 0, y: 0 };

  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    empty = true;
    canvas.classList.add('empty');
  };

  /** @param {PointerEvent} e the event's position in canvas pixels (the canvas may be scaled by CSS) */
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * canvas.width) / r.width, y: ((e.clientY - r.top) * canvas.height) / r.height };
  };

  /** @param {{ x: number, y: number }} from @param {{ x: number, y: number }} to */
  const line = (from, to) => {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = BRUSH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };

  canvas.addEventListener('pointerdown', (e) => {
    if (active !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    active = e.pointerId;
    canvas.setPointerCapture(e.pointerId);
    last = at(e);
    line(last, last); // a tap leaves a dot
    empty = false;
    canvas.classList.remove('empty');
  });
  canvas.addEventListener('pointermove', (e) => {
    if (e.pointerId !== active) return;
    // Coalesced events keep fast strokes smooth where the browser batches moves.
    for (const p of e.getCoalescedEvents?.() ?? [e]) {
      const next = at(p);
      line(last, next);
      last = next;
    }
  });
  /** @param {PointerEvent} e */
  const end = (e) => {
    if (e.pointerId !== active) return;
    active = null;
    onStroke();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  clear();
  return { clear, isEmpty: () => empty, image: () => ctx.getImageData(0, 0, canvas.width, canvas.height) };
}
