import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tf, tfWasmFlavour } from './tf';

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
  smolmlKernel: string;
  loadAverage: number[];
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

function version(pkg: string): string {
  const file = require.resolve(`${pkg}/package.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
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
    },
    tfjsWasm: tfWasmFlavour(),
    smolmlKernel,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
