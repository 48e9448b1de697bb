// jax-js (`@jax-js/jax`): JAX in JavaScript, here on its WebAssembly backend. It is
// loaded here and only here, on first use.
//
// Node 20 has no Float16Array. jax-js loads and runs without one, but it evaluates
// `data instanceof Float16Array` when it makes an array from a typed array other than
// Float32Array/Int32Array/Uint32Array — our float64 inputs — and that throws a
// ReferenceError. The shim below answers that `instanceof` with false and throws if
// anything tries to build one. It is installed only while a jax-js contender is active
// (its `enter`) and removed in its `leave`, so no SmolML code ever runs with it in
// place (compare.ts checks after every case that it is gone). SmolML's own float16
// reader (safetensors `F16`, packages/core/src/safetensors.ts) decodes halves with its
// own table and never consults globalThis.Float16Array.
import type { Contender, Precision } from './harness';

// Loaded with import() (a require() in the CommonJS bundle), typed from that import.
const load = () => import('@jax-js/jax');
export type JaxModule = Awaited<ReturnType<typeof load>>;
export type JaxArray = InstanceType<JaxModule['Array']>;

let mod: JaxModule | null = null;

/** The loaded module (after {@link initJax}). */
export function jax(): JaxModule {
  if (mod === null) throw new Error('bench: jax-js used before initJax()');
  return mod;
}

const hasNativeF16 = typeof (globalThis as { Float16Array?: unknown }).Float16Array === 'function';

class Float16ArrayShim {
  constructor() {
    throw new TypeError('bench: jax-js tried to make a Float16Array, which Node 20 lacks (the shim only answers instanceof)');
  }
  static [Symbol.hasInstance](): boolean {
    return false;
  }
}

function installShim(): void {
  if (hasNativeF16) return;
  Object.defineProperty(globalThis, 'Float16Array', { value: Float16ArrayShim, configurable: true, writable: true, enumerable: false });
}

function removeShim(): void {
  if (hasNativeF16) return;
  delete (globalThis as { Float16Array?: unknown }).Float16Array;
}

/** Throws if the Float16Array shim outlived a jax-js turn. */
export function assertShimRemoved(where: string): void {
  if (!hasNativeF16 && (globalThis as { Float16Array?: unknown }).Float16Array !== undefined) {
    throw new Error(`bench: the jax-js Float16Array shim leaked past ${where}`);
  }
}

/** Loads jax-js and starts its wasm backend (and cpu, which its init expects), wasm as default device. */
export async function initJax(): Promise<JaxModule> {
  if (mod !== null) return mod;
  const before = new Set(Object.getOwnPropertyNames(globalThis));
  const m = await load();
  const devices = await m.init('wasm', 'cpu');
  if (!devices.includes('wasm')) throw new Error(`jax-js: the wasm backend did not start (got ${devices.join(', ')})`);
  m.defaultDevice('wasm');
  const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));
  if (added.length > 0) throw new Error(`jax-js left globals behind: ${added.join(', ')}`);
  mod = m;
  return m;
}

/** Whether jax-js's wasm backend would use worker threads (it needs a global Worker, which Node lacks). */
export function jaxThreads(): string {
  return typeof (globalThis as { Worker?: unknown }).Worker === 'undefined' ? 'single-threaded (no global Worker in Node.js)' : 'multi-threaded';
}

export function jaxContender(precision: Precision): Contender {
  return {
    id: precision === 'float32' ? 'jax-f32' : 'jax-f64',
    name: `jax-js wasm`,
    precision,
    role: 'peer',
    // Its float64 exp and log are accurate to about 1e-7 (float32 level): see the notes.
    checkAs: 'float32',
    enter: installShim,
    leave: removeShim,
  };
}

/** A jax-js array holding `data` in `dtype` (float32: the float32-rounded inputs exactly). */
export function jarr(data: Float64Array, shape: number[], dtype: Precision): JaxArray {
  const typed = dtype === 'float32' ? Float32Array.from(data) : Float64Array.from(data);
  return jax().numpy.array(typed, { shape });
}

/** Waits until `xs` are computed (jax-js is lazy), without copying them out. */
export async function ready(...xs: JaxArray[]): Promise<void> {
  await jax().blockUntilReady(xs);
}
