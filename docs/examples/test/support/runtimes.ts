// JavaScript runtimes beyond Node.js, installed on demand from npm as ordinary packages
// (`bun`, `deno`: each ships its binary inside a platform package) into the repository's
// .tmp/runtimes/, never as workspace dependencies: they would add about 150 MB to every
// `npm run demo`. Installed once and reused by later test runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo';

/** A runtime the tests run code under: its npm package, the pinned version, how to run a file. */
export interface RuntimeSpec {
  name: 'bun' | 'deno';
  version: string;
  /** Arguments that run one file (TypeScript or an ES module) with what the programs need. */
  runArgs(file: string): string[];
}

export const RUNTIMES: readonly RuntimeSpec[] = [
  { name: 'bun', version: '1.4.4', runArgs: (file) => ['run', file] },
  // Deno finds the project's package.json and uses its node_modules as npm made them;
  // the programs read files (the packages) and nothing else.
  { name: 'deno', version: '2.9.6', runArgs: (file) => ['run', '--quiet', '--allow-read', '--allow-env', file] },
];

/** The runtime's binary, or why it could not be installed. */
export type Installed = { bin: string; version: string } | { error: string };

/**
 * The binary of `spec`, installing the npm package `name@version` into
 * .tmp/runtimes/<name>-<version> first if it is not there (npm, about 5 s and 50 MB each).
 */
export function installRuntime(spec: RuntimeSpec): Installed {
  const prefix = join(REPO_ROOT, '.tmp', 'runtimes', `${spec.name}-${spec.version}`);
  const bin = join(prefix, 'node_modules', '.bin', process.platform === 'win32' ? `${spec.name}.cmd` : spec.name);
  const probe = (): string | null => {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    return r.status === 0 ? r.stdout.trim().split('\n')[0] : null;
  };
  let version = existsSync(bin) ? probe() : null;
  if (version === null) {
    mkdirSync(prefix, { recursive: true });
    const r = spawnSync(
      'npm',
      ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `${spec.name}@${spec.version}`],
      { encoding: 'utf8', timeout: 300_000, shell: process.platform === 'win32' },
    );
    if (r.error || r.status !== 0) {
      const why = r.error?.message ?? (r.stderr.trim().split('\n').slice(-3).join(' ') || `npm exited with ${r.status}`);
      return { error: `npm install ${spec.name}@${spec.version} failed: ${why}` };
    }
    version = existsSync(bin) ? probe() : null;
    if (version === null) return { error: `${spec.name}@${spec.version} installed, but ${bin} --version does not run on this platform` };
  }
  return { bin, version };
}
