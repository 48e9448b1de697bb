// TensorFlow.js with its two JavaScript-engine backends: `cpu` (plain JavaScript) and
// `wasm` (XNNPACK compiled to WebAssembly, with SIMD where the engine has it). The
// .wasm binaries are loaded from node_modules. TF.js keeps one global active backend,
// so each contender switches to its own before it runs.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients (the @tensorflow/tfjs bundle does this for its users).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Contender } from './harness';

export { tf };

export type Backend = 'cpu' | 'wasm';

let ready = false;

/** Registers and initialises both backends once. */
export async function initTf(): Promise<void> {
  if (ready) return;
  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  setWasmPaths(wasmDir + path.sep);
  // The cpu backend greets Node.js users once with advice to install tfjs-node (a
  // native binding, out of scope here: we compare engines that also run in browsers).
  const warn = console.warn;
  console.warn = (): void => {};
  try {
    for (const b of ['wasm', 'cpu'] as const) {
      if (!(await tf.setBackend(b))) throw new Error(`TensorFlow.js backend ${b} failed to initialise`);
      tf.tidy(() => tf.add(tf.scalar(0), 1).dataSync());
    }
  } finally {
    console.warn = warn;
  }
  ready = true;
}

export function tfContender(backend: Backend): Contender {
  return {
    id: backend === 'cpu' ? 'tfjs-cpu' : 'tfjs-wasm',
    name: backend === 'cpu' ? 'TF.js cpu' : 'TF.js wasm',
    precision: 'float32',
    role: 'peer',
    async enter(): Promise<void> {
      if (tf.getBackend() !== backend) await tf.setBackend(backend);
    },
  };
}

/** Whether the wasm backend runs its SIMD build, and with how many threads. */
export function tfWasmFlavour(): string {
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multi-threaded' : 'single-threaded'}`;
}

/** A float32 tensor holding `data` (the check compares it with our float64 input rounded the same way). */
export function tensor(data: Float64Array, shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from(data), shape, 'float32');
}
