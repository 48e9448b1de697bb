#!/usr/bin/env node
// Runs the pnpm pinned in package.json's "packageManager", so the README's commands
// and CI work on a machine that has only Node.js and npm. The pinned pnpm is installed
// once with npm into .tmp/pnpm and put first on PATH, so tools that call `pnpm`
// themselves (turbo runs each package's scripts with it) find the same version.
//   node scripts/pnpm.mjs setup      install (frozen lockfile) and build every package
//   node scripts/pnpm.mjs <args...>  any pnpm command
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = packageManager.replace(/^pnpm@/, '');
const prefix = join(root, '.tmp', 'pnpm', version);
const binDir = join(prefix, 'node_modules', '.bin');
const win = process.platform === 'win32';
const pnpmBin = join(binDir, win ? 'pnpm.cmd' : 'pnpm');

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, shell: win });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(pnpmBin)) {
  console.error(`Setting up pnpm ${version} in .tmp/pnpm (once)…`);
  run(win ? 'npm.cmd' : 'npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${version}`]);
}
const env = { ...process.env, PATH: binDir + delimiter + process.env.PATH };
const pnpm = (args) => run(pnpmBin, args, env);

const args = process.argv.slice(2);
if (args[0] === 'setup') {
  pnpm(['install', '--frozen-lockfile', '--reporter=silent']);
  pnpm(['run', '--silent', 'build']);
} else {
  pnpm(args);
}
