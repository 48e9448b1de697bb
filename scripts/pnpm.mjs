#!/usr/bin/env node
// Runs the pnpm pinned in package.json's "packageManager", so the README's commands
// and CI work on a machine that has only Node.js and npm. The pinned pnpm is installed
// once with npm into .tmp/pnpm and put first on PATH, so tools that call `pnpm`
// themselves (turbo runs each package's scripts with it) find the same version.
//   node scripts/pnpm.mjs setup      install (frozen lockfile) and build every package,
//                                    always at the repository root, printing only a
//                                    one-line notice (and any failure's full output)
//   node scripts/pnpm.mjs <args...>  any pnpm command, in the folder it is called from
//                                    (so `pack` inside packages/core packs core)
import { spawn, spawnSync } from 'node:child_process';
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

// Quiet tools: no telemetry notice or network call (turbo's first run prints a banner
// about it), and no "update available" boxes from turbo, pnpm or npm. Every command
// started through this script inherits these, so `npm run demo` and `npm test` are as
// quiet on a fresh machine as in CI.
const QUIET = {
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};
const env = { ...process.env, ...QUIET, PATH: binDir + delimiter + process.env.PATH };

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env, shell: win });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/**
 * Runs a command with its output held back: shown only if it fails. `slowNotice` is
 * printed if the command is still running after `afterMs` (unless printed already).
 */
function runQuietly(cmd, args, cwd, { slowNotice, afterMs = 4000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, shell: win, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    const timer = slowNotice ? setTimeout(() => console.error(slowNotice), afterMs) : null;
    child.on('error', (e) => {
      console.error(`${cmd} could not start: ${e.message}`);
      process.exit(1);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (code !== 0) {
        process.stderr.write(Buffer.concat(chunks));
        console.error(`\n${[cmd, ...args].join(' ')} failed (exit code ${code}); its output is above.`);
        process.exit(code ?? 1);
      }
      resolve();
    });
  });
}

if (!existsSync(pnpmBin)) {
  console.error(`setting up pnpm ${version} in .tmp/pnpm (once)`);
  await runQuietly(win ? 'npm.cmd' : 'npm', ['install', '--prefix', prefix, '--no-save', '--loglevel=error', `pnpm@${version}`], root);
}

const PACKAGES = ['core', 'activations', 'initializers', 'losses', 'optimizers', 'memory'];
const args = process.argv.slice(2);
if (args[0] === 'setup') {
  // The install and build always happen at the root, wherever setup is called from.
  const fresh = !existsSync(join(root, 'node_modules', '.modules.yaml'));
  if (fresh) console.error('installing the dependencies with pnpm, about half a minute the first time');
  await runQuietly(pnpmBin, ['install', '--frozen-lockfile', '--reporter=silent'], root);
  const unbuilt = PACKAGES.some((p) => !existsSync(join(root, 'packages', p, 'dist', 'index.mjs')));
  const notice = 'building the packages, about a minute the first time';
  if (unbuilt) console.error(notice);
  // Turbo replays nothing from its cache and prints its own summary, all held back
  // here; a build that is not cached (sources changed) gets the notice once it runs long.
  await runQuietly(pnpmBin, ['run', '--silent', 'build'], root, { slowNotice: unbuilt ? undefined : 'building the packages (sources changed since the last build)' });
} else {
  run(pnpmBin, args, process.cwd());
}
