import { MLArray, Value, noGrad, isGradEnabled, ones, zeros } from '../src';

describe('MLArray autograd', () => {
  test('gradients accumulate across backward calls until zeroGrad', () => {
    const x = new MLArray([1, 2, 3]);
    x.mul(x).sum().backward();
    x.mul(x).sum().backward();
    expect(x.grad?.toList()).toEqual([4, 8, 12]);
    x.zeroGrad();
    expect(x.grad?.toList()).toEqual([0, 0, 0]);
  });

  test('a second backward over the same graph does not count the first twice', () => {
    const x = new MLArray([1, 2]);
    const y = x.mul(3);
    const z = y.sum();
    z.backward();
    z.backward();
    // Each pass contributes dz/dx = 3: leaves accumulate, intermediates reset.
    expect(x.grad?.toList()).toEqual([6, 6]);
    expect(y.grad?.toList()).toEqual([1, 1]);
  });

  test('a non-scalar backward without a seed sums first; an explicit seed weights it', () => {
    const x = new MLArray([[1, 2], [3, 4]]);
    x.mul(2).backward();
    expect(x.grad?.toList()).toEqual([[2, 2], [2, 2]]);
    x.zeroGrad();
    x.mul(2).backward(new MLArray([[1, 0], [0, 10]]));
    expect(x.grad?.toList()).toEqual([[2, 0], [0, 20]]);
  });

  test('an intermediate reached by two paths gets its whole gradient before it propagates', () => {
    // root = 3b + b with b = 2x: b is an input of root directly and through a = 3b, and
    // the direct edge is found first. d root / dx = 8.
    const x = new MLArray([1, 2]);
    const b = x.mul(2);
    const a = b.mul(3);
    a.add(b).sum().backward();
    expect(x.grad?.toList()).toEqual([8, 8]);
    const xs = new MLArray([1]);
    const bs = xs.mul(2);
    bs.add(bs.mul(3)).add(bs.exp().log()).sum().backward();
    expect(xs.grad?.item()).toBeCloseTo(10, 12);
  });

  test('an array used twice gets both contributions', () => {
    const x = new MLArray([2]);
    x.mul(x).add(x).sum().backward(); // d(x² + x)/dx = 2x + 1
    expect(x.grad?.item()).toBe(5);
  });

  test('requiresGrad: false, detach() and noGrad record nothing', () => {
    const c = new MLArray([1, 2], { requiresGrad: false });
    const y = c.mul(2);
    expect(y.requiresGrad).toBe(false);
    expect(y.prev).toEqual([]);
    const x = new MLArray([1, 2]);
    const d = x.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.data).toBe(x.data); // shares storage, like torch.detach
    const z = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return x.mul(2);
    });
    expect(isGradEnabled()).toBe(true);
    expect(z.requiresGrad).toBe(false);
    expect(z.prev).toEqual([]);
    expect(() => z.sum().backward()).toThrow(/does not require grad/);
  });

  test('noGrad restores the mode when fn throws', () => {
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  test('gradients are only allocated for arrays that need them', () => {
    const c = new MLArray([1, 2], { requiresGrad: false });
    const x = new MLArray([3, 4]);
    x.mul(c).sum().backward();
    expect(c.grad).toBeNull();
    expect(x.grad?.toList()).toEqual([1, 2]);
  });

  test('gradData reads the gradient buffer without allocating a wrapper', () => {
    const x = new MLArray([1, 2]);
    expect(x.gradData).toBeNull();
    x.mul(3).sum().backward();
    expect(Array.from(x.gradData!)).toEqual([3, 3]);
    expect(x.grad?.data).toBe(x.gradData);
  });

  test('savedBuffers lists what a backward rule keeps beyond inputs and output', () => {
    const x = new MLArray([[1, 2, 3], [4, 5, 6]]);
    const b = new MLArray([1, 2, 3]);
    const biased = x.add(b);
    expect(biased.savedBuffers.map((v) => v.byteLength)).toEqual([6 * 8]); // b copied out to [2, 3]
    expect(x.add(x).savedBuffers).toEqual([]);
    expect(x.mul(2).savedBuffers).toEqual([]);
    expect(x.std(1).savedBuffers.map((v) => v.byteLength)).toEqual([2 * 8]);
    expect(x.reshape(1, 2, 3).transpose([2, 0, 1]).savedBuffers.map((v) => v.byteLength)).toEqual([6 * 4]);
    expect(x.maximum(0).savedBuffers.map((v) => v.byteLength)).toEqual([8, 6 * 8]);
    const frozen = new MLArray([1, 2], { requiresGrad: false });
    expect(frozen.add(new MLArray([1], { requiresGrad: false })).savedBuffers).toEqual([]); // nothing recorded
    expect(biased.restart().savedBuffers).toEqual([]);
  });

  test('restart zeroes the gradient and drops the graph', () => {
    const x = new MLArray([1, 2]);
    const y = x.mul(2);
    y.sum().backward();
    expect(y.op).toBe('mul');
    expect(y.prev.length).toBe(1);
    expect(y.restart()).toBe(y);
    expect(y.op).toBe('');
    expect(y.prev).toEqual([]);
    expect(y.grad?.toList()).toEqual([0, 0]);
  });

  test('ops never modify their inputs', () => {
    const a = new MLArray([[1, -2], [3, 4]]);
    const b = new MLArray([0.5, 2]);
    const snapshot = [Array.from(a.data), Array.from(b.data)];
    a.add(b).mul(b).div(b).sub(a).relu().exp().log().tanh().matmul(a).sum(0).mean().backward();
    expect([Array.from(a.data), Array.from(b.data)]).toEqual(snapshot);
  });

  test('a 100,000-op chain backpropagates without overflowing the stack', () => {
    const x = new MLArray([1.5]);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.add(1);
    y.mul(2).sum().backward();
    expect(x.grad?.item()).toBe(2);
    expect(y.item()).toBe(100_001.5);
  });

  test('division by zero follows IEEE-754, as in PyTorch', () => {
    const x = new MLArray([1, -1, 0]);
    const y = x.div(zeros(3));
    expect(y.toList()).toEqual([Infinity, -Infinity, NaN]);
    const z = ones(2).div(new MLArray([0, 2]));
    z.sum().backward();
    expect(z.toList()).toEqual([Infinity, 0.5]);
  });
});

describe('Value', () => {
  test('every op and its gradient', () => {
    const a = new Value(1.5), b = new Value(-0.7);
    const cases: [string, () => Value, number, number][] = [
      // [name, build, d/da expected, d/db expected]
      ['add', () => a.add(b), 1, 1],
      ['sub', () => a.sub(b), 1, -1],
      ['mul', () => a.mul(b), -0.7, 1.5],
      ['div', () => a.div(b), 1 / -0.7, -1.5 / (0.7 * 0.7)],
      ['pow', () => a.pow(3), 3 * 1.5 * 1.5, 0],
      ['neg', () => a.neg(), -1, 0],
      ['abs', () => b.abs(), 0, -1],
      ['exp', () => a.exp(), Math.exp(1.5), 0],
      ['log', () => a.log(), 1 / 1.5, 0],
      ['relu', () => a.relu().add(b.relu()), 1, 0],
      ['tanh', () => a.tanh(), 1 - Math.tanh(1.5) ** 2, 0],
      ['sigmoid', () => b.sigmoid(), 0, (1 / (1 + Math.exp(0.7))) * (1 - 1 / (1 + Math.exp(0.7)))],
    ];
    for (const [name, build, da, db] of cases) {
      a.grad = 0;
      b.grad = 0;
      const out = build();
      out.backward();
      expect([name, a.grad]).toEqual([name, expect.closeTo(da, 12)]);
      expect([name, b.grad]).toEqual([name, expect.closeTo(db, 12)]);
    }
  });

  test('finite differences agree on a composite expression', () => {
    const f = (x: number, y: number): Value => {
      const a = new Value(x), b = new Value(y);
      return a.mul(b).add(a.pow(2)).tanh().mul(b.exp()).div(a.add(3)).sub(b.sigmoid().log());
    };
    const a = new Value(0.3), b = new Value(-1.1);
    const out = a.mul(b).add(a.pow(2)).tanh().mul(b.exp()).div(a.add(3)).sub(b.sigmoid().log());
    out.backward();
    const h = 1e-6;
    const na = (f(0.3 + h, -1.1).data - f(0.3 - h, -1.1).data) / (2 * h);
    const nb = (f(0.3, -1.1 + h).data - f(0.3, -1.1 - h).data) / (2 * h);
    expect(a.grad).toBeCloseTo(na, 8);
    expect(b.grad).toBeCloseTo(nb, 8);
  });

  test('an intermediate reached by two paths gets its whole gradient before it propagates', () => {
    const x = new Value(1);
    const b = x.mul(2);
    b.mul(3).add(b).backward();
    expect(x.grad).toBe(8);
    const y = new Value(1);
    const c = y.mul(2);
    c.add(c.mul(3)).add(c.exp().log()).backward();
    expect(y.grad).toBeCloseTo(10, 12);
  });

  test('a 100,000-op chain backpropagates without overflowing the stack', () => {
    const x = new Value(0.5);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(1).add(0);
    y.backward();
    expect(x.grad).toBe(1);
  });

  test('division by zero gives IEEE-754 results (the original returned 0)', () => {
    expect(new Value(1).div(0).data).toBe(Infinity);
    expect(Number.isNaN(new Value(0).div(0).data)).toBe(true);
  });

  test('tanh and sigmoid stay finite for huge inputs', () => {
    expect(new Value(1e4).tanh().data).toBe(1);
    expect(new Value(-1e4).sigmoid().data).toBe(0);
    const x = new Value(-1e4);
    x.sigmoid().backward();
    expect(x.grad).toBe(0);
  });

  test('op and prev describe the graph', () => {
    const a = new Value(1), b = new Value(2);
    const c = a.mul(b);
    expect(c.op).toBe('*');
    expect(c.prev).toEqual([a, b]);
    expect(a.op).toBe('');
    expect(String(c)).toBe('Value(data=2, grad=0)');
  });
});
