// Beyond Node.js: the published packages under Bun and Deno. Each runtime is installed
// from npm on demand into .tmp/runtimes (see support/runtimes.ts), then, in a fresh
// project that installed the six packed tarballs with npm, it runs
//   - the README's XOR example as written (TypeScript, which both run directly), and its
//     output must be the README's, digit for digit;
//   - the installed-alone test's ESM check for each package (a training step through
//     `import`), with the numbers Node.js gives.
// A runtime that cannot be installed here (no registry, an unsupported platform) is
// skipped with a notice; nothing else skips. Needs the packages built (`pnpm run build`).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGES, REPO_ROOT, packAll, run } from './support/repo';
import { RUNTIMES, installRuntime } from './support/runtimes';
import { smokeSource } from './support/smoke';

/** The output the README shows under its XOR example. */
function readmeOutput(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- example:end -->[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
  if (block === null) throw new Error('README.md shows no output block after its example');
  return block[1];
}

const installed = RUNTIMES.map((spec) => ({ spec, got: installRuntime(spec) }));
for (const { spec, got } of installed) {
  if ('error' in got) console.warn(`${spec.name} tests skipped: ${spec.name} could not be installed from npm here (${got.error})`);
}

let work: string;
let project: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'smolml-runtimes-'));
  const dest = join(work, 'tarballs');
  mkdirSync(dest);
  const tarballs = packAll(dest);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'try-runtimes', version: '1.0.0', private: true, type: 'module' }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', ...PACKAGES.map((p) => tarballs[p])], project);
  writeFileSync(join(project, 'xor.ts'), readFileSync(join(__dirname, '..', 'src', 'readme-example.ts'), 'utf8'));
  for (const pkg of PACKAGES) writeFileSync(join(project, `smoke-${pkg}.mjs`), smokeSource(pkg, 'esm'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The last line a smoke program prints: `{ before, after }`. */
const stepOf = (out: string): { before: number; after: number } => JSON.parse(out.trim().split('\n').pop() ?? '') as { before: number; after: number };

describe.each(installed)('$spec.name', ({ spec, got }) => {
  const maybe = 'bin' in got ? test : test.skip;
  const bin = 'bin' in got ? got.bin : '';

  maybe("runs the README's XOR example and prints exactly the README's output", () => {
    const out = run(bin, spec.runArgs('xor.ts'), project);
    expect(out).toBe(readmeOutput());
  });

  maybe.each(PACKAGES)('trains a step with @smolml/%s through import, with the numbers Node.js gives', (pkg) => {
    const file = `smoke-${pkg}.mjs`;
    const here = stepOf(run(bin, spec.runArgs(file), project));
    expect(here.after).toBeLessThan(here.before);
    expect(here).toEqual(stepOf(run(process.execPath, [file], project)));
  });
});
