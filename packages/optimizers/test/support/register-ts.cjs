// Lets a plain `node` child process load this repository's TypeScript sources, the
// way jest's moduleNameMapper does: `.ts` files are transpiled on require, and
// `@smolml/<name>` resolves to packages/<name>/src/index.ts. Tests that need
// `node --expose-gc` run in such a child, since jest's own process is not started with it.
// (The same mechanism as packages/memory/test/support/register-ts.cjs.)
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const packagesDir = path.resolve(__dirname, '../../..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const m = /^@smolml\/([a-z-]+)$/.exec(request);
  if (m) return path.join(packagesDir, m[1], 'src', 'index.ts');
  if (request.startsWith('.') && parent && parent.filename && parent.filename.endsWith('.ts')) {
    const candidate = path.resolve(path.dirname(parent.filename), request + '.ts');
    if (fs.existsSync(candidate)) return candidate;
  }
  return resolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
