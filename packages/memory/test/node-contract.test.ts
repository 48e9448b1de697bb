import * as fs from 'node:fs';
import * as path from 'node:path';

// The node contract (issue 10): memory reads what a node declares through core's public
// API (data, gradData, shape, prev, savedBuffers; op only to report names). These scan
// the sources, so a later edit that reaches into core's internals or branches on an op
// name fails here.
const SRC = path.join(__dirname, '..', 'src');
const sources = fs.readdirSync(SRC).filter((f) => f.endsWith('.ts')).map((f) => {
  const text = fs.readFileSync(path.join(SRC, f), 'utf8');
  // Comments may mention what the code avoids; only code counts.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return { file: f, code };
});

describe('memory reads only what a node declares', () => {
  it('finds the sources', () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['ledger.ts', 'graph-size.ts']));
  });

  it.each(sources.map((s) => [s.file, s.code]))('%s reads no `_`-prefixed field', (_file, code) => {
    expect(code.match(/(\.|\[['"])_[A-Za-z]\w*/g) ?? []).toEqual([]);
  });

  it.each(sources.map((s) => [s.file, s.code]))('%s decides nothing from an op name', (_file, code) => {
    // `.op` may be read to label a report row, never compared or looked up.
    expect(code.match(/\.op\s*(===|!==|==|!=)|(===|!==|==|!=)\s*\w+\.op\b|\.has\(\s*\w+\.op\s*\)|switch\s*\(\s*\w+\.op\s*\)/g) ?? []).toEqual([]);
    expect(code).not.toMatch(/'(add|mul|sub|div|pow|maximum|minimum|matmul|gelu|softmax)'/);
  });
});
