// Helpers shared by the tests that exercise the built packages the way users get them:
// packed tarballs installed into a fresh project, and ES modules served to a browser.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** The six published packages, core first. */
export const PACKAGES = ['core', 'activations', 'initializers', 'losses', 'optimizers', 'memory'] as const;
export type PackageName = (typeof PACKAGES)[number];

export const packageDir = (name: PackageName): string => join(REPO_ROOT, 'packages', name);

/** Fails with a message that says what to run when a package has not been built. */
export function assertBuilt(names: readonly PackageName[] = PACKAGES): void {
  const missing = names.filter((n) => !existsSync(join(packageDir(n), 'dist', 'index.mjs')) || !existsSync(join(packageDir(n), 'dist', 'index.js')));
  if (missing.length > 0) {
    throw new Error(
      `These packages have no built dist/: ${missing.join(', ')}. ` +
        `Build them first: \`pnpm run build\` at the repository root (or \`pnpm --filter @smolml/<name> build\`).`,
    );
  }
}

/**
 * Runs a command and returns its stdout; on failure throws an error carrying the
 * command line, exit code and both streams, so a failing test shows why.
 */
export function run(cmd: string, args: readonly string[], cwd: string, timeoutMs = 120_000): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NODE_OPTIONS: '' } });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) could not run: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }
  return r.stdout;
}

// `pnpm pack` (not `npm pack`) is what turns the `workspace:^` peer ranges into real
// versions, so the tarballs are exactly what `pnpm publish` would upload.
function pnpmCommand(): string[] {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath) && /\.(c?js|mjs)$/.test(execPath)) return [process.execPath, execPath];
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return ['pnpm'];
  const { packageManager } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string };
  return ['npx', '--yes', packageManager];
}

/** Packs every package into `dest` with `pnpm pack`; returns the tarball path of each. */
export function packAll(dest: string): Record<PackageName, string> {
  assertBuilt();
  const [cmd, ...pre] = pnpmCommand();
  const out = {} as Record<PackageName, string>;
  for (const name of PACKAGES) {
    const before = new Set(readdirSync(dest));
    run(cmd, [...pre, 'pack', '--pack-destination', dest], packageDir(name));
    const made = readdirSync(dest).filter((f) => !before.has(f) && f.startsWith(`smolml-${name}-`) && f.endsWith('.tgz'));
    if (made.length !== 1) throw new Error(`pnpm pack in packages/${name} made ${made.length} tarballs: ${made.join(', ')}`);
    out[name] = join(dest, made[0]);
  }
  return out;
}

/** The files and package.json inside a tarball. */
export function tarballContents(tgz: string): { files: string[]; manifest: Record<string, unknown> } {
  const files = execFileSync('tar', ['tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const manifest = JSON.parse(execFileSync('tar', ['xzf', tgz, '-O', 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
  return { files, manifest };
}
