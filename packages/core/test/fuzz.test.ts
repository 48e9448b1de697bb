import fc from 'fast-check';
import * as core from '../src';
import { MLArray, ShapeError, ones } from '../src';

// Random bad values thrown at every public function: only SmolML's typed errors (whose
// message names the function) or a result may come out, and array inputs are never
// modified. Sizes are bounded, the seed is fixed, hangs are caught by jest's timeout.
const brand = Symbol.for('smolml.MLArray');
const bad = fc.oneof(
  fc.constantFrom(undefined, null, NaN, -1, 1.5, Infinity, -Infinity, 2 ** 53, -0, 1e300, '', 'a', '1', true, false, [], [1, 'a'], [NaN], {}, () => 1, Symbol('s'), 10n),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: false }),
  fc.constant({ [brand]: true, data: [1, 2], shape: [2], size: 2, requiresGrad: false, _prev: [] }),
  fc.constant({ [brand]: true, data: new Float64Array(1), shape: [4], size: 4, requiresGrad: true, _prev: [] }),
  fc.constant(new Float32Array([1, 2])),
  fc.constant(ones(2, 3)),
  fc.constant(ones([3], { dtype: 'float32' })),
);

type Call = [name: string, fn: (x: unknown, y: unknown) => unknown];
const A = (): MLArray => MLArray.from([1, -2, 3, 0.5, 2, -1], [2, 3]);
const calls: Call[] = [
  ['MLArray', (x) => new MLArray(x as never)],
  ['MLArray', (x, y) => new MLArray([1, 2], { requiresGrad: x, dtype: y } as never)],
  ['MLArray.from', (x, y) => MLArray.from(x as never, y as never)],
  ['zeros', (x, y) => core.zeros(x as never, y as never)],
  ['ones', (x) => core.ones(x as never, 2)],
  ['full', (x, y) => core.full(x as never, y as never)],
  ['randn', (x, y) => core.randn(x as never, y as never)],
  ['rand', (x) => core.rand([2], x as never)],
  ['arange', (x, y) => core.arange(x as never, y as never)],
  ['linspace', (x, y) => core.linspace(0, x as never, y as never)],
  ['eye', (x, y) => core.eye(x as never, y as never)],
  ['zerosLike', (x, y) => core.zerosLike(x as never, y as never)],
  ['fullLike', (x, y) => core.fullLike(A(), x as never, y as never)],
  ...(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'matmul'] as const).map(
    (op): Call => [op, (x) => (A() as unknown as Record<string, (o: unknown) => unknown>)[op](x)],
  ),
  ['clip', (x, y) => A().clip(x as never, y as never)],
  ['transpose', (x) => A().transpose(x as never)],
  ['reshape', (x, y) => A().reshape(x as never, y as never)],
  ...(['sum', 'mean', 'max', 'min', 'argmax', 'logsumexp', 'prod'] as const).map(
    (op): Call => [op, (x, y) => A()[op](x as never, y as never)],
  ),
  ['std', (x, y) => A().std(0, false, x as never) && A().std(y as never)],
  ['var', (x) => A().var(null, false, x as never)],
  ['cumsum', (x) => A().cumsum(x as never)],
  ['get', (x, y) => A().get(x as never, y as never)],
  ['backward', (x) => A().mul(2).backward(x as never)],
  ['astype', (x) => A().astype(x as never)],
  ['noGrad', (x) => core.noGrad(x as never)],
  ['customOp', (x, y) => core.customOp('f', x as never, y as never, [2], () => undefined)],
  ['gradCheck', (x, y) => core.gradCheck(x as never, y as never)],
  ['Value', (x) => new core.Value(x as never)],
  ['Value.add', (x) => new core.Value(1).add(x as never)],
  ['Value.pow', (x) => new core.Value(1).pow(x as never)],
  ['Value.custom', (x, y) => core.Value.custom(1, x as never, y as never)],
  ['Rng', (x) => new core.Rng(x as never)],
  ['Rng.uniform', (x, y) => new core.Rng(1).uniform(x as never, y as never)],
  ['Rng.normal', (x, y) => new core.Rng(1).normal(x as never, y as never)],
  ['setSeed', (x) => { core.setSeed(x as never); core.setSeed(0); }],
  ['setDefaultDType', (x) => { try { core.setDefaultDType(x as never); } finally { core.setDefaultDType('float64'); } }],
  ['setElementCap', (x) => { const c = core.elementCap(); try { core.setElementCap(x as never); } finally { core.setElementCap(c); } }],
  ['decodeNumbers', (x, y) => core.decodeNumbers(x, y as never)],
  ['encodeNumbers', (x) => core.encodeNumbers(x as never)],
  ['normalizeAxis', (x, y) => core.normalizeAxis(x as never, y as never, 'normalizeAxis')],
  ['adamUpdateSimd', (x, y) => {
    const p = new Float64Array(200), h = { beta1: 0.9, c1: 0.1, beta2: 0.999, c2: 0.001, stepSize: 0.1, bc2Sqrt: 0.03, eps: 1e-8, wd: 0, shrink: 1 };
    core.adamUpdateSimd(x as never, p, y as never, p.slice(), p.slice(), h);
    core.adamUpdateSimd('plain', p, p.slice(), p.slice(), p.slice(), y as never);
  }],
];

function snapshot(v: unknown): number[] | null {
  return v instanceof MLArray ? Array.from(v.data) : null;
}

describe('fuzz: every public function meets bad input with a typed error or a result', () => {
  test.each(calls)('%s', (name, fn) => {
    fc.assert(
      fc.property(bad, bad, (x, y) => {
        const before = [snapshot(x), snapshot(y)];
        try {
          fn(x, y);
        } catch (e) {
          const ok = e instanceof TypeError || e instanceof RangeError || e instanceof ShapeError;
          if (!ok) throw new Error(`${name}: threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
          const msg = (e as Error).message;
          if (/Cannot read properties|is not a function|Invalid typed array length|Maximum call stack|Cannot convert|is not iterable/.test(msg)) {
            throw new Error(`${name}: generic JS error: ${msg}`);
          }
        }
        const after = [snapshot(x), snapshot(y)];
        expect(after).toEqual(before);
      }),
      { seed: 20261201, numRuns: 150 },
    );
  });
});
