// Each package installed alone, as a user gets it: every package is packed with
// `pnpm pack`, and for each one a fresh project in a temporary folder installs only
// that tarball and core's with npm, then trains a step through `import` (ESM) and
// through `require` (CommonJS) and type-checks a TypeScript file against the
// installed types. Needs the packages built (`pnpm run build`); in CI turbo builds
// them before this package's tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGES, type PackageName, REPO_ROOT, packAll, run, tarballContents } from './support/repo';
import { dualPackageSource, smokeSource } from './support/smoke';

const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let work: string;
let tarballs: Record<PackageName, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'smolml-install-alone-'));
  const dest = join(work, 'tarballs');
  mkdirSync(dest);
  tarballs = packAll(dest);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const projects = new Map<PackageName, string>();

/** A fresh npm project holding only core and `pkg`, installed from the tarballs (once per package). */
function freshProject(pkg: PackageName): string {
  const made = projects.get(pkg);
  if (made !== undefined) return made;
  const dir = join(work, `project-${pkg}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `try-${pkg}`, version: '1.0.0', private: true }, null, 2));
  const wanted = pkg === 'core' ? [tarballs.core] : [tarballs.core, tarballs[pkg]];
  // One npm command for both: core is the other package's peer dependency.
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', ...wanted], dir);
  projects.set(pkg, dir);
  return dir;
}

function trainStep(dir: string, file: string): { before: number; after: number } {
  const out = run(process.execPath, [file], dir).trim().split('\n');
  return JSON.parse(out[out.length - 1]) as { before: number; after: number };
}

describe('the packed tarballs', () => {
  test.each(PACKAGES)('@smolml/%s ships only dist/, its README and a manifest with real versions', (pkg) => {
    const { files, manifest } = tarballContents(tarballs[pkg]);
    for (const f of files) expect(f).toMatch(/^package\/(dist\/|README\.md$|LICENSE$|package\.json$)/);
    expect(files).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.mjs', 'package/dist/index.d.ts', 'package/dist/index.d.mts']));
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    if (pkg !== 'core') {
      expect(manifest.peerDependencies).toEqual({ '@smolml/core': expect.stringMatching(/^\^\d+\.\d+\.\d+/) });
      expect(manifest.dependencies ?? {}).toEqual({});
    }
  });
});

describe.each(PACKAGES)('@smolml/%s installed alone (with core) from its tarball', (pkg) => {
  let dir: string;
  beforeAll(() => {
    dir = freshProject(pkg);
    writeFileSync(join(dir, 'smoke.mjs'), smokeSource(pkg, 'esm'));
    writeFileSync(join(dir, 'smoke.cjs'), smokeSource(pkg, 'cjs'));
    writeFileSync(join(dir, 'smoke.mts'), smokeSource(pkg, 'ts'));
    writeFileSync(join(dir, 'smoke.cts'), smokeSource(pkg, 'ts'));
    // The same step with float32 as core's default dtype (set before any array is made).
    writeFileSync(join(dir, 'smoke32.mjs'), `import { setDefaultDType } from '@smolml/core';\nsetDefaultDType('float32');\n${smokeSource(pkg, 'esm')}`);
  });

  test('trains a step through import (ESM)', () => {
    const { before, after } = trainStep(dir, 'smoke.mjs');
    expect(after).toBeLessThan(before);
  });

  test('trains a step through require (CommonJS), with the same numbers', () => {
    const cjs = trainStep(dir, 'smoke.cjs');
    expect(cjs.after).toBeLessThan(cjs.before);
    expect(cjs).toEqual(trainStep(dir, 'smoke.mjs'));
  });

  test('trains the same step in float32, to float32 precision', () => {
    const f64 = trainStep(dir, 'smoke.mjs'), f32 = trainStep(dir, 'smoke32.mjs');
    expect(f32.after).toBeLessThan(f32.before);
    expect(Math.abs(f32.before - f64.before)).toBeLessThanOrEqual(1e-5 * Math.abs(f64.before) + 1e-6);
    expect(Math.abs(f32.after - f64.after)).toBeLessThanOrEqual(1e-4 * Math.abs(f64.after) + 1e-6);
    expect(f32).not.toEqual(f64); // float32 rounding shows: it really ran in float32
  });

  test('type-checks against the installed .d.mts (import) and .d.ts (require) types', () => {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
          lib: ['es2022'], types: [], skipLibCheck: false,
        },
        files: ['smoke.mts', 'smoke.cts'],
      }),
    );
    run(process.execPath, [TSC, '-p', 'tsconfig.json'], dir);
  });
});

describe('the dual package hazard: core by require, a sibling by import, in one process', () => {
  test.each(['losses', 'optimizers'] as const)('core (CommonJS) with @smolml/%s (ESM) trains a step', (pkg) => {
    const dir = freshProject(pkg);
    writeFileSync(join(dir, 'dual.mjs'), dualPackageSource(pkg));
    const { before, after } = trainStep(dir, 'dual.mjs');
    expect(after).toBeLessThan(before);
  });
});
