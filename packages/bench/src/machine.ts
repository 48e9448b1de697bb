import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tf, tfWasmFlavour } from './tf';
import { jaxThreads } from './jax';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  v8: string;
  versions: Record<string, string>;
  tfjsWasm: string;
  jaxThreads: string;
  smolmlKernel: string;
  /** 1, 5 and 15-minute load averages when the run started. */
  loadAverage: number[];
  /** The same when it ended. */
  loadAverageEnd?: number[];
}

/** The repository root: the nearest parent holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('compare: cannot find the repository root (pnpm-workspace.yaml)');
    dir = up;
  }
  return dir;
}

/** A dependency's version, from its package.json (found from its entry point: some export maps hide package.json). */
function version(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (json.name === pkg) return json.version;
    }
    const up = path.dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

/** The 1, 5 and 15-minute load averages, to two decimals. */
export function loadAverage(): number[] {
  return os.loadavg().map((x) => Number(x.toFixed(2)));
}

export function describeMachine(smolmlKernel: string): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    versions: {
      '@smolml/core': version('@smolml/core'),
      '@tensorflow/tfjs-core': tf.version_core,
      '@tensorflow/tfjs-backend-cpu': version('@tensorflow/tfjs-backend-cpu'),
      '@tensorflow/tfjs-backend-wasm': version('@tensorflow/tfjs-backend-wasm'),
      '@jax-js/jax': version('@jax-js/jax'),
      'js-pytorch': version('js-pytorch'),
    },
    tfjsWasm: tfWasmFlavour(),
    jaxThreads: jaxThreads(),
    smolmlKernel,
    loadAverage: loadAverage(),
  };
}
