// GENERATED from arithmetic.f64.ts by scripts/gen-f32.mjs: edit that file, then run `node scripts/gen-f32.mjs`.
import { type MLArray, record, gradOf } from '../mlarray';
import { broadcast, copies, flushSink, sink } from './broadcast.f32';
import { allocOutRaw as allocOut, cast } from '../dtypes/float32';
import { cpow } from '../cpow';
import { divGradDivisor, powGradBase, powGradExponent } from '../scalar';
import { streamAccumulate, streamBinary, streamScalar } from '../wasm/stream-wasm';

// Each op has a fast path for a plain-number operand (no broadcasting, no second
// gradient; the number is first rounded to the array's dtype, as torch does) and a
// general path over two arrays of this file's dtype broadcast to a common shape. The
// forward passes of + − × ÷ run in WebAssembly SIMD when the arrays are long enough
// (../wasm/stream-wasm: the same bits as the loop beside each call, which runs otherwise). When
// a sink is the parent's own gradient buffer the loops accumulate straight into it.

/** `a + b` elementwise. */
export function add(a: MLArray, bIn: MLArray | number): MLArray {
  if (typeof bIn === 'number') {
    const b = cast(bIn), x = a.data as Float32Array, n = x.length, out = allocOut('add', a.shape);
    if (!streamScalar('add', out, x, b)) for (let i = 0; i < n; i++) out[i] = x[i] + b;
    return record('add', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float32Array | null;
      if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i];
    });
  }
  const b = bIn, bc = broadcast('add', a, b);
  const { x, y, size: n } = bc;
  const out = allocOut('add', bc.shape);
  if (!streamBinary('add', out, x, y)) for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
  return record('add', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n), gv = g as Float32Array;
    if (ga && !streamAccumulate('acc', ga, gv)) for (let i = 0; i < n; i++) ga[i] += g[i];
    if (gb && !streamAccumulate('acc', gb, gv)) for (let i = 0; i < n; i++) gb[i] += g[i];
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}

/** `a - b` elementwise. */
export function sub(a: MLArray, bIn: MLArray | number): MLArray {
  if (typeof bIn === 'number') {
    const b = cast(bIn), x = a.data as Float32Array, n = x.length, out = allocOut('sub', a.shape);
    if (!streamScalar('sub', out, x, b)) for (let i = 0; i < n; i++) out[i] = x[i] - b;
    return record('sub', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float32Array | null;
      if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i];
    });
  }
  const b = bIn, bc = broadcast('sub', a, b);
  const { x, y, size: n } = bc;
  const out = allocOut('sub', bc.shape);
  if (!streamBinary('sub', out, x, y)) for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
  return record('sub', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n), gv = g as Float32Array;
    if (ga && !streamAccumulate('acc', ga, gv)) for (let i = 0; i < n; i++) ga[i] += g[i];
    if (gb && !streamAccumulate('accsub', gb, gv)) for (let i = 0; i < n; i++) gb[i] -= g[i];
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}

/** `a * b` elementwise. */
export function mul(a: MLArray, bIn: MLArray | number): MLArray {
  if (typeof bIn === 'number') {
    const b = cast(bIn), x = a.data as Float32Array, n = x.length, out = allocOut('mul', a.shape);
    if (!streamScalar('mul', out, x, b)) for (let i = 0; i < n; i++) out[i] = x[i] * b;
    return record('mul', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float32Array | null;
      if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] * b;
    });
  }
  const b = bIn, bc = broadcast('mul', a, b);
  const { x, y, size: n } = bc;
  const out = allocOut('mul', bc.shape);
  if (!streamBinary('mul', out, x, y)) for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
  return record('mul', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    if (ga) for (let i = 0; i < n; i++) ga[i] += g[i] * y[i];
    if (gb) for (let i = 0; i < n; i++) gb[i] += g[i] * x[i];
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}

/** `a / b` elementwise, IEEE-754: `1/0 = Infinity`, `0/0 = NaN`, as in PyTorch. */
export function div(a: MLArray, bIn: MLArray | number): MLArray {
  if (typeof bIn === 'number') {
    const b = cast(bIn), x = a.data as Float32Array, n = x.length, out = allocOut('div', a.shape);
    if (!streamScalar('div', out, x, b)) for (let i = 0; i < n; i++) out[i] = x[i] / b;
    return record('div', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float32Array | null;
      if (ga !== null) for (let i = 0; i < n; i++) ga[i] += g[i] / b;
    });
  }
  const b = bIn, bc = broadcast('div', a, b);
  const { x, y, size: n } = bc;
  const out = allocOut('div', bc.shape);
  if (!streamBinary('div', out, x, y)) for (let i = 0; i < n; i++) out[i] = x[i] / y[i];
  return record('div', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    if (ga) for (let i = 0; i < n; i++) ga[i] += g[i] / y[i];
    if (gb) for (let i = 0; i < n; i++) gb[i] += divGradDivisor(g[i], x[i], y[i]);
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}

/**
 * `a ** b` elementwise, with C's (and PyTorch's) `pow` semantics. Gradients follow
 * PyTorch's masks: d/da is 0 where b = 0 (even at a = 0), and d/db is 0 where a = 0 and
 * b >= 0 (where log a would be -Infinity).
 */
export function pow(a: MLArray, bIn: MLArray | number): MLArray {
  if (typeof bIn === 'number') {
    const b = cast(bIn), x = a.data as Float32Array, n = x.length, out = allocOut('pow', a.shape);
    for (let i = 0; i < n; i++) out[i] = cpow(x[i], b);
    return record('pow', out, a.shape, [a], (g) => {
      const ga = gradOf(a) as Float32Array | null;
      if (ga !== null) for (let i = 0; i < n; i++) ga[i] += powGradBase(g[i], x[i], b);
    });
  }
  const b = bIn, bc = broadcast('pow', a, b);
  const { x, y, size: n } = bc;
  const out = allocOut('pow', bc.shape);
  for (let i = 0; i < n; i++) out[i] = cpow(x[i], y[i]);
  return record('pow', out, bc.shape, [a, b], (g) => {
    const ga = sink(a, n), gb = sink(b, n);
    if (ga) for (let i = 0; i < n; i++) ga[i] += powGradBase(g[i], x[i], y[i]);
    if (gb) for (let i = 0; i < n; i++) gb[i] += powGradExponent(g[i], x[i], y[i], out[i]);
    flushSink(a, ga, bc.shape);
    flushSink(b, gb, bc.shape);
  }, copies(bc, a, b));
}
