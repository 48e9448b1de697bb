#!/usr/bin/env node
// Runs every package's tests through turbo, then prints one closing line for the
// whole monorepo ("Tests: N passed, N failed"), and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, '.tmp', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });

const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--continue', '--output-logs=full', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});

let passed = 0, failed = 0, skipped = 0;
const lines = [];
if (existsSync(resultsDir)) {
  for (const f of readdirSync(resultsDir).sort()) {
    const r = JSON.parse(readFileSync(join(resultsDir, f), 'utf8'));
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
    lines.push(`  ${r.package.padEnd(24)} ${r.passed} passed, ${r.failed} failed`);
  }
}
console.log('\nTest results by package:\n' + lines.join('\n'));
const status = turbo.status ?? 1;
if (status !== 0 && failed === 0) failed = 1; // a package whose tests could not even start
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 ? status : failed > 0 ? 1 : 0);
