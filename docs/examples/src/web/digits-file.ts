// The MNIST digits of the CLI demo as one compact binary file for the web page: the same
// 8,000 training and 2,000 test digits (the same split), one byte a pixel, gzipped. The
// page's worker reads it with docs/examples/web/digits.js; the layout is written there too.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Digits, PIXELS, loadDigits, split } from '../mnist/data';

/** Training digits, as in the CLI demo (`split(loadDigits(), 8000)` in src/mnist/cli.ts). */
export const TRAIN_SIZE = 8000;

/** The first 8 bytes of the file. */
export const DIGITS_MAGIC = 'SMLDIGIT';
/** Bumped when the layout changes; the reader refuses other versions. */
export const DIGITS_VERSION = 1;
/** Bytes before the labels: magic, four u32 (version, train count, test count, pixels), 256 f64. */
export const DIGITS_HEADER_BYTES = 8 + 4 * 4 + 256 * 8;

/**
 * Encodes a training and a test set. The `mnist` package stores each pixel as one of 256
 * values in [0, 1] (k/255 rounded to three decimals), so a byte indexes a table of those
 * values and decoding gives back the exact doubles the CLI demo trains on.
 *
 * Layout (little-endian): `SMLDIGIT`, u32 version, u32 nTrain, u32 nTest, u32 pixels,
 * f64[256] value table, u8[nTrain] labels, u8[nTest] labels, u8[nTrain·pixels] codes,
 * u8[nTest·pixels] codes.
 *
 * @example
 * const { train, test } = split(loadDigits(), 8000);
 * encodeDigits(train, test).length; // 2,072 + 10,000 + 7,840,000 bytes
 */
export function encodeDigits(train: Digits, test: Digits): Uint8Array {
  const values = [...new Set([...train.images, ...test.images])].sort((a, b) => a - b);
  if (values.length > 256) throw new RangeError(`encodeDigits: the images hold ${values.length} distinct pixel values, more than a byte can index`);
  const code = new Map(values.map((v, i) => [v, i]));
  const n = train.count + test.count;
  const bytes = new Uint8Array(DIGITS_HEADER_BYTES + n + n * PIXELS);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 8; i++) bytes[i] = DIGITS_MAGIC.charCodeAt(i);
  view.setUint32(8, DIGITS_VERSION, true);
  view.setUint32(12, train.count, true);
  view.setUint32(16, test.count, true);
  view.setUint32(20, PIXELS, true);
  for (let i = 0; i < 256; i++) view.setFloat64(24 + 8 * i, i < values.length ? values[i] : 0, true);
  let at = DIGITS_HEADER_BYTES;
  bytes.set(train.labels, at);
  bytes.set(test.labels, (at += train.count));
  at += test.count;
  for (const set of [train, test]) {
    const images = set.images;
    for (let i = 0; i < images.length; i++) bytes[at + i] = code.get(images[i]) as number;
    at += images.length;
  }
  return bytes;
}

/** docs/examples, from src/web (ts-jest) and from dist/web (the build). */
const EXAMPLES = join(__dirname, '..', '..');

/** Where the page's digits live: build output, next to the compiled server. */
export const DIGITS_FILE = join(EXAMPLES, 'dist', 'web', 'digits.bin.gz');

// What the file is made from: when the content of one of these changes, it is remade.
// The TypeScript sources, so the built server and the tests (ts-jest) agree on the key.
const INPUTS = [join(EXAMPLES, 'src', 'web', 'digits-file.ts'), join(EXAMPLES, 'src', 'mnist', 'data.ts'), require.resolve('mnist/package.json')];

/** A digest of the inputs' contents (not their times: every build rewrites dist/). */
function inputsKey(): string {
  const hash = createHash('sha256');
  for (const f of INPUTS) hash.update(readFileSync(f)).update('\0');
  return `${DIGITS_VERSION} ${TRAIN_SIZE} ${hash.digest('hex')}`;
}

/**
 * Writes the gzipped digits file unless one made from the same inputs exists (this
 * module, the data loader and the `mnist` package, as recorded in `<path>.key`), calling
 * `beforeWrite` first when it writes (a few seconds). The file appears whole or not at
 * all (written beside it, then renamed), so a server starting meanwhile never reads half.
 * Returns its path and whether it was written.
 *
 * @example
 * ensureDigitsFile(); // { path: '…/dist/web/digits.bin.gz', written: false }
 */
export function ensureDigitsFile(path: string = DIGITS_FILE, beforeWrite?: () => void): { path: string; written: boolean } {
  const key = inputsKey();
  const keyFile = `${path}.key`;
  if (existsSync(path) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) return { path, written: false };
  beforeWrite?.();
  const { train, test } = split(loadDigits(), TRAIN_SIZE);
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, gzipSync(encodeDigits(train, test)));
  renameSync(partial, path);
  writeFileSync(keyFile, key);
  return { path, written: true };
}
