// Everyone in the run, in the order they take their turn within a round.
import { gemmKernel, setGemmKernel } from '@smolml/core';
import type { Contender } from './harness';
import { hasFloat32 } from './ours';
import { initTf, tfContender } from './tf';
import { initJax, jaxContender } from './jax';
import { initTorch, torchContender } from './torch';
import { limitContender } from './ceilings/limits';

export interface Lineup {
  contenders: Contender[];
  /** Whether core has float32 (else the float32 rows are skipped). */
  float32: boolean;
  /** core's gemm kernel ('wasm-simd' or 'js'). */
  kernel: string;
}

export async function lineup(): Promise<Lineup> {
  const float32 = hasFloat32();
  const kernel = gemmKernel();
  const c: Contender[] = [{ id: 'smolml', name: 'SmolML', precision: 'float64', role: 'ours', enter: () => {} }];
  if (float32) c.push({ id: 'smolml-f32', name: 'SmolML', precision: 'float32', role: 'ours', enter: () => {} });
  // With a WebAssembly kernel in core, also time core's pure-JS fallback: it shows what
  // the kernel buys, and what users get on engines without WebAssembly SIMD.
  if (kernel !== 'js') {
    c.push({
      id: 'smolml-js', name: 'SmolML, JS kernel', precision: 'float64', role: 'ours',
      enter: () => setGemmKernel('js'), leave: () => setGemmKernel('auto'),
    });
  }
  if (float32) c.push(limitContender('float32'));
  c.push(limitContender('float64'));
  await initTf();
  c.push(tfContender('cpu'), tfContender('wasm'));
  await initJax();
  c.push(jaxContender('float32'), jaxContender('float64'));
  await initTorch();
  c.push(torchContender());
  c.push({ id: 'micrograd', name: 'micrograd (closures, in the bench)', precision: 'float64', role: 'peer', enter: () => {} });
  return { contenders: c, float32, kernel };
}
