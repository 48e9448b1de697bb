// The demo's command line (node:util's parseArgs): options, --help with commands that
// work from where the user is, and bad input reported as a short message with exit
// code 2, never a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fromSafetensors } from '@smolml/core';
import { join } from 'node:path';
import { runCli } from '../src/mnist/cli';
import { DEFAULT_PLOT, UsageError, helpText, parseOptions, usageLines } from '../src/mnist/options';
import { DEFAULTS, DEFAULT_LEARNING_RATES, OPTIMIZERS } from '../src/mnist/train';
import { REPO_ROOT } from './support/repo';

function capture(argv: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = runCli(argv, { out: (l) => (out += l + '\n'), err: (l) => (err += l + '\n'), live: null });
  return { code, out, err };
}

describe('parseOptions', () => {
  test('defaults: Adam, 128 hidden units, batch 64, seed 0, float64', () => {
    expect(parseOptions([])).toEqual({ ...DEFAULTS, plot: DEFAULT_PLOT, help: false });
    expect(DEFAULTS).toMatchObject({ optimizer: 'adam', hidden: 128, batchSize: 64, seed: 0, dtype: 'float64' });
  });

  test('reads every option, as --name value or --name=value', () => {
    expect(parseOptions(['--epochs', '3', '--hidden=64', '--lr', '0.01', '--optimizer', 'momentum', '--seed', '7', '--batch=32', '--plot', 'out.svg', '--dtype', 'float32'])).toEqual({
      epochs: 3, hidden: 64, learningRate: 0.01, optimizer: 'momentum', seed: 7, batchSize: 32, plot: 'out.svg', dtype: 'float32', help: false,
    });
    expect(parseOptions(['-h']).help).toBe(true);
  });

  test('offers all six optimizers, each with its own default learning rate unless --lr is given', () => {
    expect(OPTIMIZERS).toEqual(['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adamw']);
    for (const name of OPTIMIZERS) {
      expect(parseOptions(['--optimizer', name]).learningRate).toBe(DEFAULT_LEARNING_RATES[name]);
    }
  });

  test.each([
    [['--epochs', '0'], "--epochs expects an integer from 1 to 1000, got '0'"],
    [['--epochs', '2.5'], "--epochs expects an integer from 1 to 1000, got '2.5'"],
    [['--hidden', 'many'], "--hidden expects an integer from 1 to 4096, got 'many'"],
    [['--batch=-4'], "--batch expects an integer from 1 to 8000, got '-4'"],
    [['--batch', '-4'], "--batch needs a value (one starting with '-' goes after '=': --batch=-1)"],
    [['--seed=-1'], '--seed expects an integer from 0 to 4294967295'],
    [['--lr=-0.1'], "--lr expects a positive number, got '-0.1'"],
    [['--lr', 'fast'], "--lr expects a positive number, got 'fast'"],
    [['--optimizer', 'lbfgs'], "--optimizer expects one of sgd, momentum, adagrad, rmsprop, adam, adamw, got 'lbfgs'"],
    [['--dtype', 'float16'], "--dtype expects one of float64, float32, got 'float16'"],
    [['--epochs'], '--epochs needs a value'],
    [['--epochs', '--seed', '1'], '--epochs needs a value'],
    [['--epoch', '3'], "unknown option '--epoch'"],
    [['-x'], "unknown option '-x'"],
    [['--help=yes'], '--help takes no value'],
    [['3'], "unexpected argument '3'"],
    [['--seed', '1', '--seed', '2'], '--seed is given twice'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(message);
  });
});

describe('runCli', () => {
  test('--help prints the options and exits 0 without training', () => {
    const { code, out, err } = capture(['--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const flag of ['--epochs', '--hidden', '--lr', '--optimizer', '--dtype', '--seed', '--batch', '--plot', '--help']) expect(out).toContain(flag);
    for (const name of OPTIMIZERS) expect(out).toContain(name);
    expect(out).not.toContain('MNIST: 8,000 training');
  });

  test('--help gives commands that work from the folder the user is in', () => {
    const examples = join(REPO_ROOT, 'docs', 'examples');
    expect(usageLines(REPO_ROOT)).toEqual(['npm run demo -- [options]', 'node docs/examples/dist/mnist.js [options]']);
    expect(usageLines(examples)).toEqual(['npm run demo -- [options]', 'node dist/mnist.js [options]']);
    expect(usageLines(join(REPO_ROOT, 'packages', 'core'))).toEqual(['node ../../docs/examples/dist/mnist.js [options]']);
    expect(helpText(join(REPO_ROOT, 'packages'))).toContain('Usage: node ../docs/examples/dist/mnist.js [options]');
  });

  // The printed commands, run as printed from each folder (on the built demo), answer --help.
  const built = existsSync(join(REPO_ROOT, 'docs', 'examples', 'dist', 'mnist.js'));
  (built ? test : test.skip).each([[''], ['packages/core'], ['docs']])('the node command printed in %j runs there', (dir) => {
    const cwd = join(REPO_ROOT, dir);
    const line = usageLines(cwd).find((l) => l.startsWith('node '));
    const script = line?.split(' ')[1] ?? '';
    const r = spawnSync(process.execPath, [script, '--help'], { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: ${usageLines(cwd)[0]}`);
  });

  test('a bad option gives one short message and exit code 2, not a stack trace', () => {
    const { code, out, err } = capture(['--optimizer', 'lbfgs']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("error: --optimizer expects one of sgd, momentum, adagrad, rmsprop, adam, adamw, got 'lbfgs'\nRun with --help to see the options.\n");
    expect(err).not.toMatch(/\n\s+at /);
  });
});

describe('--save', () => {
  test('writes the trained weights as safetensors that load back exactly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smolml-save-'));
    const file = join(dir, 'model.safetensors');
    const { code, out } = capture(['--epochs', '1', '--hidden', '16', '--save', file, '--plot', join(dir, 'p.svg'), '--dtype', 'float32']);
    expect(code).toBe(0);
    expect(out).toContain(`Weights (safetensors): ${file}`);
    const { tensors, metadata } = fromSafetensors(readFileSync(file));
    expect(Object.keys(tensors).sort()).toEqual(['layers.0.bias', 'layers.0.weight', 'layers.1.bias', 'layers.1.weight']);
    expect(tensors['layers.0.weight'].shape).toEqual([784, 16]);
    expect(tensors['layers.0.weight'].dtype).toBe('float32');
    expect(metadata).toEqual({ model: 'mnist 784-16-10', dtype: 'float32' });
  });
  test('an empty path is a usage error', () => {
    expect(() => parseOptions(['--save', ''])).toThrow(UsageError);
  });
});
