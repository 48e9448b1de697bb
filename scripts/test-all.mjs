#!/usr/bin/env node
// Runs every package's tests through turbo and prints one line per package as it
// finishes, then one closing line for the whole monorepo ("Tests: N passed, N failed").
// Turbo's own output (its preamble, the build logs it replays, each passing package's
// jest report) is held back: only a failing task's log is shown, in full. Exits
// non-zero if anything failed. Extra arguments go to `turbo run test`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, '.tmp', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_NO_UPDATE_NOTIFIER: '1' };
console.log('running the tests of every package (a few minutes; one line per package as it finishes)');

// errors-only: turbo prints a task's log only when that task failed.
const turbo = spawn('pnpm', ['exec', 'turbo', 'run', 'test', '--continue', '--output-logs=errors-only', '--log-order=grouped', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
  shell: process.platform === 'win32',
});
const output = [];
turbo.stdout.on('data', (c) => output.push(c));
turbo.stderr.on('data', (c) => output.push(c));

/** Reads the summaries the jest reporter has written so far, printing the new ones. */
const seen = new Map();
function collect() {
  if (!existsSync(resultsDir)) return;
  for (const f of readdirSync(resultsDir).sort()) {
    if (seen.has(f)) continue;
    let r;
    try {
      if (statSync(join(resultsDir, f)).mtimeMs < started) continue; // not from this run
      r = JSON.parse(readFileSync(join(resultsDir, f), 'utf8'));
    } catch {
      continue; // still being written
    }
    seen.set(f, r);
    const skipped = r.skipped ? `, ${r.skipped} skipped` : '';
    console.log(`  ${r.package.padEnd(24)} ${r.passed} passed, ${r.failed} failed${skipped}   (${seconds()})`);
  }
}
const poll = setInterval(collect, 500);

const status = await new Promise((resolve) => {
  turbo.on('error', (e) => {
    console.error(`turbo could not start: ${e.message}`);
    resolve(1);
  });
  turbo.on('close', (code) => resolve(code ?? 1));
});
clearInterval(poll);
collect();

let passed = 0, failed = 0, skipped = 0;
for (const r of seen.values()) {
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
if (status !== 0) {
  // The failing tasks' logs (a build error, or jest's report of the failing tests).
  // Turbo's preamble ("• Packages in scope: …") says nothing about the failure.
  const log = Buffer.concat(output).toString('utf8').split('\n').filter((l) => !/^\s*• /.test(l));
  process.stdout.write('\n' + log.join('\n').trim() + '\n\n');
  if (failed === 0) failed = 1; // a package whose tests could not even start
}
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${seconds()})`);
process.exit(status !== 0 ? status : failed > 0 ? 1 : 0);
