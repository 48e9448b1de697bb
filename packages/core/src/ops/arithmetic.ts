import { type MLArray, record, gradOf } from '../mlarray';
import { broadcast, copies, flushSink, sink } from './broadcast';
import { cpow } from '../cpow';

// Each op has a fast path for a plain-number operand (no broadcasting, no second
// gradient) and a general path over two arrays broadcast to a common shape. When a
// sink is the parent's own gradient buffer the loops accumulate straight into it.

/** `a + b` elementwise. */
export function add(a: MLArray, b: MLArray | number): MLArray {
  if (typeof b === 'number') {
    const x = a.data, n = x.length, out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i] + b;
    return record('add', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float64Array;
      for (let i = 0; i < n; i++) ga[i] += g[i];
    });
  }
  const bc = broadcast('add', a, b);
  const { x, y, size: n } = bc;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
  return record('add', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    if (ga) for (let i = 0; i < n; i++) ga[i] += g[i];
    if (gb) for (let i = 0; i < n; i++) gb[i] += g[i];
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}

/** `a - b` elementwise. */
export function sub(a: MLArray, b: MLArray | number): MLArray {
  if (typeof b === 'number') {
    const x = a.data, n = x.length, out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i] - b;
    return record('sub', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float64Array;
      for (let i = 0; i < n; i++) ga[i] += g[i];
    });
  }
  const bc = broadcast('sub', a, b);
  const { x, y, size: n } = bc;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
  return record('sub', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    if (ga) for (let i = 0; i < n; i++) ga[i] += g[i];
    if (gb) for (let i = 0; i < n; i++) gb[i] -= g[i];
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}

/** `a * b` elementwise. */
export function mul(a: MLArray, b: MLArray | number): MLArray {
  if (typeof b === 'number') {
    const x = a.data, n = x.length, out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i] * b;
    return record('mul', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float64Array;
      for (let i = 0; i < n; i++) ga[i] += g[i] * b;
    });
  }
  const bc = broadcast('mul', a, b);
  const { x, y, size: n } = bc;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
  return record('mul', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    if (ga) for (let i = 0; i < n; i++) ga[i] += g[i] * y[i];
    if (gb) for (let i = 0; i < n; i++) gb[i] += g[i] * x[i];
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}

/** `a / b` elementwise, IEEE-754: `1/0 = Infinity`, `0/0 = NaN`, as in PyTorch. */
export function div(a: MLArray, b: MLArray | number): MLArray {
  if (typeof b === 'number') {
    const x = a.data, n = x.length, out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i] / b;
    return record('div', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float64Array;
      for (let i = 0; i < n; i++) ga[i] += g[i] / b;
    });
  }
  const bc = broadcast('div', a, b);
  const { x, y, size: n } = bc;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] / y[i];
  return record('div', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    if (ga) for (let i = 0; i < n; i++) ga[i] += g[i] / y[i];
    // d(x/y)/dy = -x/y², written as -(x/y)/y to match PyTorch's rounding.
    if (gb) for (let i = 0; i < n; i++) gb[i] -= (g[i] * (x[i] / y[i])) / y[i];
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}

/**
 * `a ** b` elementwise, with C's (and PyTorch's) `pow` semantics. Gradients follow PyTorch's masks: d/da is 0 where b = 0 (even
 * at a = 0), and d/db is 0 where a = 0 and b >= 0 (where log a would be -Infinity).
 */
export function pow(a: MLArray, b: MLArray | number): MLArray {
  if (typeof b === 'number') {
    const x = a.data, n = x.length, out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = cpow(x[i], b);
    return record('pow', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float64Array;
      if (b === 0) return; // PyTorch's mask: x ** 0 has gradient 0 everywhere, even at x = 0
      for (let i = 0; i < n; i++) ga[i] += g[i] * b * cpow(x[i], b - 1);
    });
  }
  const bc = broadcast('pow', a, b);
  const { x, y, size: n } = bc;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = cpow(x[i], y[i]);
  return record('pow', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    if (ga) for (let i = 0; i < n; i++) if (y[i] !== 0) ga[i] += g[i] * y[i] * cpow(x[i], y[i] - 1);
    if (gb) for (let i = 0; i < n; i++) if (!(x[i] === 0 && y[i] >= 0)) gb[i] += g[i] * out[i] * Math.log(x[i]);
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}
