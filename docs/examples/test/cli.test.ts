// The demo's command line: options, --help, and bad input reported as a short message
// with exit code 2, never a stack trace.
import { runCli } from '../src/mnist/cli';
import { DEFAULT_PLOT, UsageError, parseOptions } from '../src/mnist/options';
import { DEFAULTS, DEFAULT_LEARNING_RATES } from '../src/mnist/train';

function capture(argv: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = runCli(argv, { out: (l) => (out += l + '\n'), err: (l) => (err += l + '\n'), live: null });
  return { code, out, err };
}

describe('parseOptions', () => {
  test('defaults: Adam, 128 hidden units, batch 64, seed 0', () => {
    expect(parseOptions([])).toEqual({ ...DEFAULTS, plot: DEFAULT_PLOT, help: false });
    expect(DEFAULTS).toMatchObject({ optimizer: 'adam', hidden: 128, batchSize: 64, seed: 0 });
  });

  test('reads every option, as --name value or --name=value', () => {
    expect(parseOptions(['--epochs', '3', '--hidden=64', '--lr', '0.01', '--optimizer', 'momentum', '--seed', '7', '--batch=32', '--plot', 'out.svg'])).toEqual({
      epochs: 3, hidden: 64, learningRate: 0.01, optimizer: 'momentum', seed: 7, batchSize: 32, plot: 'out.svg', help: false,
    });
  });

  test('each optimizer brings its own default learning rate unless --lr is given', () => {
    for (const name of ['sgd', 'momentum', 'adagrad', 'adam'] as const) {
      expect(parseOptions(['--optimizer', name]).learningRate).toBe(DEFAULT_LEARNING_RATES[name]);
    }
  });

  test.each([
    [['--epochs', '0'], "--epochs expects an integer from 1 to 1000, got '0'"],
    [['--epochs', '2.5'], "--epochs expects an integer from 1 to 1000, got '2.5'"],
    [['--hidden', 'many'], "--hidden expects an integer from 1 to 4096, got 'many'"],
    [['--batch', '-4'], "--batch expects an integer from 1 to 8000, got '-4'"],
    [['--seed', '-1'], '--seed expects an integer from 0 to 4294967295'],
    [['--lr', '-0.1'], "--lr expects a positive number, got '-0.1'"],
    [['--lr', 'fast'], "--lr expects a positive number, got 'fast'"],
    [['--optimizer', 'rmsprop'], "--optimizer expects one of sgd, momentum, adagrad, adam, got 'rmsprop'"],
    [['--epochs'], '--epochs needs a value'],
    [['--epochs', '--seed', '1'], '--epochs needs a value'],
    [['--epoch', '3'], "unknown option '--epoch'"],
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
    for (const flag of ['--epochs', '--hidden', '--lr', '--optimizer', '--seed', '--batch', '--plot', '--help']) expect(out).toContain(flag);
    expect(out).not.toContain('MNIST: 8,000 training');
  });

  test('a bad option gives one short message and exit code 2, not a stack trace', () => {
    const { code, out, err } = capture(['--optimizer', 'lbfgs']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("error: --optimizer expects one of sgd, momentum, adagrad, adam, got 'lbfgs'\nRun with --help to see the options.\n");
    expect(err).not.toMatch(/\n\s+at /);
  });
});
