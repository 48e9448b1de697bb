#!/usr/bin/env node
// Writes the float32 twin of every `*.f64.ts` source under packages/*/src.
//
// V8 optimises a loop for the typed-array kinds it has seen; one loop fed both
// Float64Array and Float32Array turns polymorphic and slows every element access. So
// each hot kernel is written once, for float64, in a `*.f64.ts` file, and this script
// derives its float32 twin by renaming the dtype (Float64Array → Float32Array,
// F64/f64/float64 → F32/f32/float32). A `.f64.ts` file therefore mentions float64
// only where it means "this file's dtype". The twins are committed (so the build needs
// no step) and `--check` (run by lint) fails when one is stale.
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const check = process.argv.includes('--check');

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (name.endsWith('.f64.ts')) yield p;
  }
}

export function twin(source, name) {
  const body = source
    .replace(/Float64Array/g, 'Float32Array')
    .replace(/float64/g, 'float32')
    .replace(/F64/g, 'F32')
    .replace(/f64/g, 'f32');
  return `// GENERATED from ${name} by scripts/gen-f32.mjs: edit that file, then run \`node scripts/gen-f32.mjs\`.\n${body}`;
}

let stale = 0, written = 0;
const pkgs = join(root, 'packages');
for (const pkg of readdirSync(pkgs)) {
  const src = join(pkgs, pkg, 'src');
  if (!existsSync(src)) continue;
  for (const file of walk(src)) {
    const out = file.replace(/\.f64\.ts$/, '.f32.ts');
    const want = twin(readFileSync(file, 'utf8'), basename(file));
    const have = existsSync(out) ? readFileSync(out, 'utf8') : null;
    if (have === want) continue;
    if (check) {
      console.error(`stale float32 twin: ${relative(root, out)} (run node scripts/gen-f32.mjs)`);
      stale++;
    } else {
      writeFileSync(out, want);
      written++;
    }
  }
}
if (check && stale > 0) process.exit(1);
if (!check && written > 0) console.log(`gen-f32: wrote ${written} float32 twin(s)`);
