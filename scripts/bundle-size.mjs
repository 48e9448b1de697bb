#!/usr/bin/env node
// What each package adds to a browser bundle, minified and gzipped: its built ESM entry
// (packages/<name>/dist/index.mjs) bundled by esbuild with every export kept, and with
// one export alone (what tree-shaking leaves for a single import). Siblings are
// measured with @smolml/core external, as an app that already holds core pays only for
// the sibling; core is measured whole, WebAssembly kernel included.
//   node scripts/bundle-size.mjs            print the table
//   node scripts/bundle-size.mjs --check    also fail if README.md's package table
//                                           states other sizes (run by `pnpm check:pkg`)
//   node scripts/bundle-size.mjs --write    rewrite the sizes in README.md's table
// esbuild is tsup's, from the dev dependencies: no extra install.
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(realpathSync(join(root, 'node_modules', 'tsup', 'package.json')));
const esbuild = require('esbuild');

/** Each package, and the one export whose bundle is the floor of using it at all. */
const PACKAGES = [
  ['core', 'MLArray'],
  ['activations', 'relu'],
  ['initializers', 'HeInitialization'],
  ['losses', 'mseLoss'],
  ['optimizers', 'Adam'],
  ['memory', 'formatSize'],
];

/** Minified and minified+gzipped bytes of a bundle of `source` (an ES module). */
async function measure(name, source) {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: join(root, 'packages', name), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    treeShaking: true,
    logLevel: 'silent',
    // A sibling's size is its own code: core is the peer dependency every app has already.
    external: name === 'core' ? [] : ['@smolml/core'],
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

export async function measureAll() {
  const rows = [];
  for (const [name, one] of PACKAGES) {
    const entry = join(root, 'packages', name, 'dist', 'index.mjs');
    if (!existsSync(entry)) throw new Error(`bundle-size: ${entry} is missing; build first (pnpm run build)`);
    const from = JSON.stringify(entry);
    const all = await measure(name, `export * from ${from};`);
    const single = await measure(name, `export { ${one} } from ${from};`);
    rows.push({ name, one, all, single });
  }
  return rows;
}

/** The size cell of README.md's package table for one package. */
export const cell = (r) => `${kB(r.all.gzip)} (${r.one} alone: ${kB(r.single.gzip)})`;

const README = join(root, 'README.md');
/** The README row of `name` and the size cell in it (the table's last column). */
function readmeCells(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    const m = /^\| \[`@smolml\/([a-z]+)`\]\(packages\/[a-z]+\) \|.*\| ([^|]*) \|$/.exec(line);
    if (m) out.set(m[1], m[2].trim());
  }
  return out;
}

const mode = process.argv[2];
if (mode !== undefined && mode !== '--check' && mode !== '--write') {
  console.error(`bundle-size: unknown argument '${mode}' (use --check or --write)`);
  process.exit(2);
}
const rows = await measureAll();
console.log('package        minified   min+gzip   one export alone (min+gzip)');
for (const r of rows) {
  console.log(`@smolml/${r.name.padEnd(13)}${kB(r.all.min).padStart(9)}  ${kB(r.all.gzip).padStart(9)}   ${r.one}: ${kB(r.single.gzip)}`);
}
console.log('(esbuild, ESM, minified, gzip -9; siblings with @smolml/core external)');

if (mode) {
  const text = readFileSync(README, 'utf8');
  const cells = readmeCells(text);
  if (mode === '--write') {
    let next = text;
    for (const r of rows) {
      next = next.replace(new RegExp(`^(\\| \\[\`@smolml/${r.name}\`\\]\\(packages/${r.name}\\) \\|.*\\| )([^|]*)( \\|)$`, 'm'), `$1${cell(r)}$3`);
    }
    writeFileSync(README, next);
    console.log('README.md: sizes written');
  } else {
    // Sizes move a little with every change; the README is stale when one is off by more
    // than 5% (or 0.2 kB on a small package).
    const stale = rows.filter((r) => {
      const stated = cells.get(r.name);
      const m = stated === undefined ? null : /^([\d.]+) kB \(\w+ alone: ([\d.]+) kB\)$/.exec(stated);
      if (m === null) return true;
      const off = (said, real) => Math.abs(Number(said) * 1000 - real) > Math.max(0.05 * real, 200);
      return off(m[1], r.all.gzip) || off(m[2], r.single.gzip);
    });
    if (stale.length > 0) {
      for (const r of stale) console.error(`README.md states '${cells.get(r.name) ?? '(nothing)'}' for @smolml/${r.name}; measured ${cell(r)}`);
      console.error('Update the table with: node scripts/bundle-size.mjs --write');
      process.exit(1);
    }
    console.log('README.md: the package table states these sizes');
  }
}
