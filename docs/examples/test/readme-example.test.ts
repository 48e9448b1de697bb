// The root README's 15-line example (src/readme-example.ts, pasted verbatim between the
// README's example markers) must run, learn, print what the README shows under it, and
// the README's numbers on what forgetting `{ requiresGrad: false }` costs must hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MLArray, Rng, zeros } from '@smolml/core';
import { HeInitialization } from '@smolml/initializers';
import { softmaxCrossEntropy } from '@smolml/losses';
import { calculateGraphSize, formatSize } from '@smolml/memory';
import { REPO_ROOT } from './support/repo';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

const source = readFileSync(join(__dirname, '..', 'src', 'readme-example.ts'), 'utf8');

test('is 15 lines that train with four packages', () => {
  expect(source.trimEnd().split('\n')).toHaveLength(15);
  const packages = [...source.matchAll(/from '(@smolml\/[a-z]+)'/g)].map((m) => m[1]);
  expect(packages).toEqual(['@smolml/core', '@smolml/initializers', '@smolml/losses', '@smolml/optimizers']);
});

test('runs, drives the XOR loss below 1e-6 in 200 steps, and prints the output the README shows', () => {
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
  const shown = /<!-- example:end -->[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
  expect(shown?.[1]).toBe(lines.map((l) => l + '\n').join(''));
});

test("is the example in the repository's README.md", () => {
  const block = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme);
  expect(block).not.toBeNull();
  expect(block?.[1]).toBe(source);
});

test("the README's cost of forgetting { requiresGrad: false } on the demo's data", () => {
  // The demo's 784→128→10 network and one batch of 64 digits. Only the sizes matter,
  // so the data can be zeros.
  const rng = new Rng(0);
  const w1 = HeInitialization.initialize([784, 128], { rng }), b1 = zeros(1, 128);
  const w2 = HeInitialization.initialize([128, 10], { rng }), b2 = zeros(1, 10);
  const peak = (requiresGrad: boolean): number => {
    const x = zeros([64, 784], { requiresGrad });
    const y = MLArray.from(new Float64Array(64 * 10).map((_, i) => (i % 10 === 3 ? 1 : 0)), [64, 10], { requiresGrad });
    return calculateGraphSize(softmaxCrossEntropy(x.matmul(w1).add(b1).relu().matmul(w2).add(b2), y)).peak;
  };
  const right = peak(false), forgotten = peak(true);
  // The gradients of x and y, 8 bytes an element, and the small objects around them.
  expect(forgotten - right).toBeGreaterThanOrEqual((64 * 784 + 64 * 10) * 8);
  expect(forgotten - right).toBeLessThan((64 * 784 + 64 * 10) * 8 + 1024);
  expect(readme).toContain(`grows from\n${formatSize(right)} to ${formatSize(forgotten)} (${formatSize(forgotten - right)} more`);
});
