// @ts-check
// Reads the digits file the server makes from the `mnist` package (see
// src/web/digits-file.ts): the CLI demo's 8,000 training and 2,000 test digits, one byte a
// pixel indexing a table of the 256 pixel values, so every pixel decodes to the exact
// double the CLI demo trains on.

/** Pixels per image (28 × 28). */
export const PIXELS = 784;
/** Digits 0–9. */
export const CLASSES = 10;

const MAGIC = 'SMLDIGIT';
const VERSION = 1;
const HEADER_BYTES = 8 + 4 * 4 + 256 * 8;

/**
 * @typedef {{ images: Float64Array, labels: Uint8Array, count: number }} Digits
 * Images as rows of 784 values in [0, 1], with their labels.
 */

/**
 * Decodes the file's bytes into a training and a test set.
 *
 * Layout (little-endian): `SMLDIGIT`, u32 version, u32 nTrain, u32 nTest, u32 pixels,
 * f64[256] value table, u8 labels (train, then test), u8 pixel codes (train, then test).
 *
 * @param {ArrayBuffer} buffer
 * @returns {{ train: Digits, test: Digits }}
 * @example
 * const { train, test } = decodeDigits(await (await fetch('/digits.bin')).arrayBuffer());
 * train.count; // 8000
 */
export function decodeDigits(buffer) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) throw new TypeError(`decodeDigits: not a digits file (starts with ${JSON.stringify(magic)})`);
  const version = view.getUint32(8, true);
  if (version !== VERSION) throw new RangeError(`decodeDigits: file version ${version}, this page reads version ${VERSION}`);
  const nTrain = view.getUint32(12, true), nTest = view.getUint32(16, true), pixels = view.getUint32(20, true);
  if (pixels !== PIXELS) throw new RangeError(`decodeDigits: ${pixels} pixels an image, expected ${PIXELS}`);
  const expected = HEADER_BYTES + (nTrain + nTest) * (1 + PIXELS);
  if (bytes.length !== expected) throw new RangeError(`decodeDigits: ${bytes.length} bytes, expected ${expected} for ${nTrain} + ${nTest} digits`);
  const table = new Float64Array(256);
  for (let i = 0; i < 256; i++) table[i] = view.getFloat64(24 + 8 * i, true);

  let labelsAt = HEADER_BYTES, codesAt = HEADER_BYTES + nTrain + nTest;
  /** @param {number} count @returns {Digits} */
  const take = (count) => {
    const labels = bytes.slice(labelsAt, labelsAt + count);
    const images = new Float64Array(count * PIXELS);
    for (let i = 0; i < images.length; i++) images[i] = table[bytes[codesAt + i]];
    labelsAt += count;
    codesAt += count * PIXELS;
    return { images, labels, count };
  };
  const train = take(nTrain);
  const test = take(nTest);
  return { train, test };
}
