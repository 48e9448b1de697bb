// Builds a case's table of implementations from one function per library: ours
// (either dtype, and forced onto core's JS gemm kernel), TensorFlow.js (both backends
// run the same code), jax-js (either dtype), js-pytorch, the bench's micrograd and the
// machine limit.
import type { Case, Instance, Precision } from '../harness';

export interface Impls {
  ours: (dtype: Precision) => Instance;
  /** Also time ours (float64) with core's JS gemm fallback. */
  jsKernel?: boolean;
  tf?: () => Instance;
  jax?: (dtype: Precision) => Instance;
  torch?: () => Instance;
  micrograd?: () => Instance;
  limit?: (dtype: Precision) => Instance;
}

export function makeAll(i: Impls): Case['make'] {
  const m: Case['make'] = { smolml: () => i.ours('float64'), 'smolml-f32': () => i.ours('float32') };
  if (i.jsKernel) m['smolml-js'] = () => i.ours('float64');
  if (i.tf) { m['tfjs-cpu'] = i.tf; m['tfjs-wasm'] = i.tf; }
  if (i.jax) { const jax = i.jax; m['jax-f32'] = () => jax('float32'); m['jax-f64'] = () => jax('float64'); }
  if (i.torch) m.torch = i.torch;
  if (i.micrograd) m.micrograd = i.micrograd;
  if (i.limit) { const lim = i.limit; m['limit-f32'] = () => lim('float32'); m['limit-f64'] = () => lim('float64'); }
  return m;
}

