// docs/core.md's chapter "Building blocks": each example there is a file in
// src/building-blocks, pasted verbatim between markers, and prints what the chapter
// shows under it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo';

const guide = readFileSync(join(REPO_ROOT, 'docs', 'core.md'), 'utf8');
const EXAMPLES = ['embeddings', 'masking', 'batches', 'checkpoints'];

function run(name: string): string[] {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require(`../src/building-blocks/${name}`));
  } finally {
    log.mockRestore();
  }
  return lines;
}

describe.each(EXAMPLES)('building block: %s', (name) => {
  const source = readFileSync(join(__dirname, '..', 'src', 'building-blocks', `${name}.ts`), 'utf8');
  const section = new RegExp(`<!-- block:${name}:start -->\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\`\\n<!-- block:${name}:end -->\\n\\n\`\`\`text\\n([\\s\\S]*?)\`\`\``).exec(guide);

  test('is pasted verbatim in docs/core.md', () => {
    expect(section?.[1]).toBe(source);
  });
  test('prints what the guide shows', () => {
    const printed = run(name);
    expect(printed.length).toBeGreaterThan(1);
    expect(section?.[2]).toBe(printed.map((l) => l + '\n').join(''));
  });
});
