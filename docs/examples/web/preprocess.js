// @ts-check
// Turns a drawing into the kind of image the network learnt from, the way MNIST's digits
// were made (LeCun et al.): the ink's bounding box is scaled, keeping its aspect ratio,
// to fit a 20×20 box (averaging the pixels it covers, which anti-aliases the strokes), and
// that box is placed in the 28×28 frame so its centre of mass sits at the frame's centre.
// Intensities stay in [0, 1], 0 the background and 1 full ink, as in the training data.

/** The side of the network's input image. */
export const FRAME = 28;
/** The side of the box the digit is fitted into. */
export const BOX = 20;

/**
 * The ink of an RGBA image drawn light on dark: each pixel's brightest channel, in [0, 1].
 *
 * @param {{ data: Uint8ClampedArray, width: number, height: number }} image e.g. `ctx.getImageData(0, 0, 280, 280)`
 * @returns {Float64Array}
 */
export function inkOf(image) {
  const { data, width, height } = image;
  const ink = new Float64Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = Math.max(data[4 * i], data[4 * i + 1], data[4 * i + 2]) / 255;
  return ink;
}

/**
 * Resamples `src` (srcW × srcH) to dstW × dstH by area averaging: each output pixel is the
 * mean of the source area it covers, partial pixels weighted by their covered fraction.
 *
 * @param {Float64Array} src @param {number} srcW @param {number} srcH
 * @param {number} dstW @param {number} dstH
 * @returns {Float64Array}
 */
export function resampleArea(src, srcW, srcH, dstW, dstH) {
  // Separable: rows first (srcH × dstW), then columns (dstH × dstW).
  const sx = srcW / dstW, sy = srcH / dstH;
  const rows = new Float64Array(srcH * dstW);
  for (let u = 0; u < dstW; u++) {
    const a = u * sx, b = (u + 1) * sx;
    for (let k = Math.floor(a); k < Math.min(Math.ceil(b), srcW); k++) {
      const w = (Math.min(b, k + 1) - Math.max(a, k)) / sx;
      for (let y = 0; y < srcH; y++) rows[y * dstW + u] += w * src[y * srcW + k];
    }
  }
  const out = new Float64Array(dstH * dstW);
  for (let v = 0; v < dstH; v++) {
    const a = v * sy, b = (v + 1) * sy;
    for (let k = Math.floor(a); k < Math.min(Math.ceil(b), srcH); k++) {
      const w = (Math.min(b, k + 1) - Math.max(a, k)) / sy;
      for (let u = 0; u < dstW; u++) out[v * dstW + u] += w * rows[k * dstW + u];
    }
  }
  return out;
}

/**
 * The centre of mass of an image (pixel centres at i + 0.5), or null when it is blank.
 *
 * @param {Float64Array} img @param {number} width @param {number} height
 * @returns {{ x: number, y: number } | null}
 */
export function centreOfMass(img, width, height) {
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = img[y * width + x];
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/**
 * The 28×28 network input (784 values in [0, 1], row by row) for a drawing's ink, or null
 * when nothing is drawn.
 *
 * @param {Float64Array} ink width × height values in [0, 1], e.g. from {@link inkOf}
 * @param {number} width
 * @param {number} height
 * @returns {Float64Array | null}
 * @example prepareDigit(inkOf(ctx.getImageData(0, 0, 280, 280)), 280, 280); // Float64Array(784)
 */
export function prepareDigit(ink, width, height) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const w = x1 - x0 + 1, h = y1 - y0 + 1;
  const crop = new Float64Array(w * h);
  for (let y = 0; y < h; y++) crop.set(ink.subarray((y0 + y) * width + x0, (y0 + y) * width + x0 + w), y * w);

  // The longer side becomes 20 pixels; the other keeps the aspect ratio (at least 1 pixel).
  const scale = BOX / Math.max(w, h);
  const bw = Math.max(1, Math.round(w * scale)), bh = Math.max(1, Math.round(h * scale));
  const box = resampleArea(crop, w, h, bw, bh);

  // Shift the box so its centre of mass lands on the frame's centre (14, 14), by whole
  // pixels as MNIST did, but never so far that ink leaves the frame.
  const com = /** @type {{ x: number, y: number }} */ (centreOfMass(box, bw, bh));
  const ox = Math.min(Math.max(Math.round(FRAME / 2 - com.x), 0), FRAME - bw);
  const oy = Math.min(Math.max(Math.round(FRAME / 2 - com.y), 0), FRAME - bh);
  const out = new Float64Array(FRAME * FRAME);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) out[(oy + y) * FRAME + ox + x] = Math.min(1, Math.max(0, box[y * bw + x]));
  }
  return out;
}
