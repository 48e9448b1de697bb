#!/usr/bin/env node
// Runs the pnpm pinned in package.json's "packageManager" through npx, so the
// README's commands work on a machine that has only Node.js and npm.
//   node scripts/pnpm.mjs setup      install (frozen lockfile) and build every package
//   node scripts/pnpm.mjs <args...>  any pnpm command
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function pnpm(args) {
  const r = spawnSync(npx, ['--yes', packageManager, ...args], { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
if (args[0] === 'setup') {
  pnpm(['install', '--frozen-lockfile', '--reporter=silent']);
  pnpm(['run', '--silent', 'build']);
} else {
  pnpm(args);
}
