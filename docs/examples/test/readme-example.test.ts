// The root README's 15-line example (src/readme-example.ts, pasted verbatim between the
// README's example markers) must run, learn, and stay what the README shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo';

const source = readFileSync(join(__dirname, '..', 'src', 'readme-example.ts'), 'utf8');

test('is 15 lines that train with four packages', () => {
  expect(source.trimEnd().split('\n')).toHaveLength(15);
  const packages = [...source.matchAll(/from '(@smolml\/[a-z]+)'/g)].map((m) => m[1]);
  expect(packages).toEqual(['@smolml/core', '@smolml/initializers', '@smolml/losses', '@smolml/optimizers']);
});

test('runs and drives the XOR loss below 1e-6 in 200 steps', () => {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    // The example is a script: loading it runs it. (A dynamic import would need jest's ESM mode.)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require('../src/readme-example'));
  } finally {
    log.mockRestore();
  }
  expect(lines.map((l) => l.replace(/[\d.e+-]+$/, 'N'))).toEqual(['step 50: loss N', 'step 100: loss N', 'step 150: loss N', 'step 200: loss N']);
  const losses = lines.map((l) => Number(l.split('loss ')[1]));
  for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
  expect(losses[3]).toBeLessThan(1e-6);
});

test("is the example in the repository's README.md", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme);
  expect(block).not.toBeNull();
  expect(block?.[1]).toBe(source);
});
