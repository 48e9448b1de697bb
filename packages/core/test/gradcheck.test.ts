import { MLArray, Rng, customOp, gradCheck, randn } from '../src';

// Every differentiable op, checked against central finite differences on random
// inputs (seeded). Inputs avoid kinks (relu/abs at 0, clip bounds, ties) where the
// derivative is not defined and finite differences would straddle it.
const rng = new Rng(7);
const r = (...shape: number[]): MLArray => randn(shape, { rng });
const positive = (...shape: number[]): MLArray => r(...shape).abs().add(0.5).detach();
const away = (...shape: number[]): MLArray => {
  // Values with |x| >= 0.2, so kinks at 0 are far from the ±1e-6 probes.
  const x = r(...shape);
  return MLArray.from(x.data.map((v) => (v >= 0 ? v + 0.2 : v - 0.2)), shape);
};

function expectOk(fn: (...xs: MLArray[]) => MLArray, inputs: MLArray[]): void {
  const res = gradCheck(fn, inputs);
  if (!res.ok) throw new Error(res.message);
  expect(res.ok).toBe(true);
}

const binary: [string, (a: MLArray, b: MLArray) => MLArray][] = [
  ['add', (a, b) => a.add(b)],
  ['sub', (a, b) => a.sub(b)],
  ['mul', (a, b) => a.mul(b)],
  ['div', (a, b) => a.div(b)],
  ['pow', (a, b) => a.pow(b)],
  ['maximum', (a, b) => a.maximum(b)],
  ['minimum', (a, b) => a.minimum(b)],
];
const patterns: [string, number[], number[]][] = [
  ['same shape', [3, 4], [3, 4]],
  ['row vector', [3, 4], [4]],
  ['column', [3, 4], [3, 1]],
  ['outer', [3, 1], [1, 4]],
  ['0-d', [2, 3], []],
  ['left broadcast', [4], [2, 3, 4]],
  ['3-d mixed', [2, 1, 4], [3, 1]],
];

describe('gradCheck: binary ops with broadcasting', () => {
  for (const [name, f] of binary) {
    for (const [pname, sa, sb] of patterns) {
      test(`${name} ${pname}`, () => {
        const a = name === 'pow' ? positive(...sa) : r(...sa);
        const b = r(...sb);
        expectOk(f, [a, b]);
      });
    }
    test(`${name} with a number`, () => {
      const a = name === 'pow' ? positive(3, 2) : r(3, 2);
      expectOk((x) => f(x, 1.7 as unknown as MLArray), [a]);
    });
  }
});

describe('gradCheck: unary ops', () => {
  const cases: [string, (x: MLArray) => MLArray, () => MLArray][] = [
    ['neg', (x) => x.neg(), () => r(3, 4)],
    ['abs', (x) => x.abs(), () => away(3, 4)],
    ['exp', (x) => x.exp(), () => r(3, 4)],
    ['log', (x) => x.log(), () => positive(3, 4)],
    ['sqrt', (x) => x.sqrt(), () => positive(3, 4)],
    ['relu', (x) => x.relu(), () => away(3, 4)],
    ['tanh', (x) => x.tanh(), () => r(3, 4)],
    ['sigmoid', (x) => x.sigmoid(), () => r(3, 4)],
    ['clip', (x) => x.clip(-0.5, 0.5), () => MLArray.from([-1.3, -0.2, 0.1, 0.45, 0.9, 2], [6])],
  ];
  test.each(cases)('%s', (_n, f, make) => expectOk(f, [make()]));
});

describe('gradCheck: matmul in every numpy form', () => {
  const forms: [string, number[], number[]][] = [
    ['1-D @ 1-D', [4], [4]],
    ['2-D @ 2-D', [3, 4], [4, 5]],
    ['1-D @ 2-D', [4], [4, 5]],
    ['2-D @ 1-D', [3, 4], [4]],
    ['batched 3-D', [2, 3, 4], [2, 4, 5]],
    ['3-D @ 2-D', [2, 3, 4], [4, 5]],
    ['2-D @ 3-D', [3, 4], [2, 4, 5]],
    ['broadcast batch', [2, 1, 3, 4], [3, 4, 2]],
    ['N-D @ 1-D', [2, 3, 4], [4]],
    ['1-D @ N-D', [4], [2, 4, 3]],
    ['odd sizes', [5, 7], [7, 6]],
  ];
  test.each(forms)('%s', (_n, sa, sb) => expectOk((a, b) => a.matmul(b), [r(...sa), r(...sb)]));
});

describe('gradCheck: shape ops and reductions', () => {
  test('transpose default', () => {
    const w = r(4, 3);
    expectOk((x) => x.transpose().mul(w), [r(3, 4)]);
  });
  test('transpose axes', () => {
    const w = r(4, 2, 3);
    expectOk((x) => x.transpose([2, 0, 1]).mul(w), [r(2, 3, 4)]);
  });
  test('reshape with -1', () => {
    const w = r(6, 2);
    expectOk((x) => x.reshape(-1, 2).mul(w), [r(3, 4)]);
  });
  for (const op of ['sum', 'mean', 'max', 'min', 'std'] as const) {
    for (const axis of [null, 0, 1, -1]) {
      for (const keep of [false, true]) {
        test(`${op}(axis=${axis}, keepdims=${keep})`, () => {
          const w = r(...(axis === null ? (keep ? [1, 1, 1] : []) : keep ? [2, 3, 4].map((d, i) => (i === (axis + 3) % 3 ? 1 : d)) : [2, 3, 4].filter((_, i) => i !== (axis + 3) % 3)));
          expectOk((x) => x[op](axis, keep).mul(w), [r(2, 3, 4)]);
        });
      }
    }
  }
  test('a small MLP with every kind of op', () => {
    expectOk(
      (x, w1, b1, w2) => x.matmul(w1).add(b1).relu().matmul(w2).sigmoid().sub(0.5).pow(2).mean(),
      [r(5, 3), r(3, 4), r(4), r(4, 2)],
    );
  });
  test('customOp joins the graph', () => {
    const square = (x: MLArray): MLArray =>
      customOp('square', [x], x.data.map((v) => v * v), x.shape, (g, [gx]) => {
        if (gx) for (let i = 0; i < g.length; i++) gx[i] += 2 * x.data[i] * g[i];
      });
    expectOk((x) => square(x).mul(x.exp()), [r(3, 3)]);
  });
});

describe('gradCheck itself', () => {
  test('catches a wrong backward rule', () => {
    const wrong = (x: MLArray): MLArray =>
      customOp('wrongSquare', [x], x.data.map((v) => v * v), x.shape, (g, [gx]) => {
        if (gx) for (let i = 0; i < g.length; i++) gx[i] += 3 * x.data[i] * g[i];
      });
    const res = gradCheck(wrong, [r(4)]);
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/analytic/);
  });
  test('leaves the inputs and their gradients untouched', () => {
    const x = r(3);
    const before = Array.from(x.data);
    gradCheck((v) => v.mul(v), [x]);
    expect(Array.from(x.data)).toEqual(before);
    expect(x.grad).toBeNull();
  });
});
