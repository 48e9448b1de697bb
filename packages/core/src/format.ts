import type { DType, FloatArray } from './dtype';
// numpy-like printing: aligned columns, and "..." past 1000 elements (3 items each side).
const THRESHOLD = 1000;
const EDGE = 3;

function fmtNumber(v: number, allInt: boolean): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (allInt) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e8)) return v.toExponential(4);
  return String(Number(v.toPrecision(8)));
}

export function formatArray(data: FloatArray, shape: readonly number[], dtype: DType = 'float64'): string {
  const summarise = data.length > THRESHOLD;
  let allInt = true;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isInteger(data[i])) { allInt = false; break; }
  }
  let width = 1;
  for (let i = 0; i < data.length; i++) width = Math.max(width, fmtNumber(data[i], allInt).length);
  const strides: number[] = [];
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { strides[i] = acc; acc *= shape[i]; }
  const prefix = 'MLArray(';
  const render = (offset: number, depth: number, indent: string): string => {
    if (depth === shape.length) return fmtNumber(data[offset], allInt).padStart(width);
    const n = shape[depth];
    const idx: (number | null)[] = [];
    if (summarise && n > 2 * EDGE) {
      for (let i = 0; i < EDGE; i++) idx.push(i);
      idx.push(null);
      for (let i = n - EDGE; i < n; i++) idx.push(i);
    } else {
      for (let i = 0; i < n; i++) idx.push(i);
    }
    const inner = indent + ' ';
    const parts = idx.map((i) => (i === null ? (depth === shape.length - 1 ? '...'.padStart(width) : '...') : render(offset + i * strides[depth], depth + 1, inner)));
    const sep = depth === shape.length - 1 ? ', ' : ',' + '\n'.repeat(shape.length - depth - 1) + inner;
    return '[' + parts.join(sep) + ']';
  };
  const body = shape.length === 0 ? fmtNumber(data[0], allInt) : render(0, 0, ' '.repeat(prefix.length));
  // As numpy: the default float64 goes unsaid, float32 is named.
  return `${prefix}${body}, shape=[${shape.join(', ')}]${dtype === 'float32' ? ', dtype=float32' : ''})`;
}
