import { MLArray, Rng, keep, noGrad, poolStats, randn, tidy, zeros } from '../src';

const rng = new Rng(3);
const big = (...shape: number[]): MLArray => randn(shape, { rng }); // 4 KiB and more: pooled

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('dispose', () => {
  test('leaves a zero-length data, is idempotent, and any later use is a clear Error', () => {
    const a = big(32, 32);
    a.dispose();
    a.dispose();
    expect(a.isDisposed).toBe(true);
    expect(a.data.length).toBe(0);
    for (const use of [() => a.add(1), () => a.sum(), () => a.matmul(a), () => a.item(), () => a.toList(), () => zeros(32, 32).add(a)]) {
      const e = thrown(use);
      expect(e.constructor).toBe(Error);
      expect(e.message).toMatch(/disposed/);
    }
    expect(String(a)).toMatch(/disposed/);
  });
  test('backward through a disposed array is a clear Error', () => {
    const x = big(32, 32);
    const h = x.mul(2);
    const y = h.sum();
    h.dispose();
    expect(thrown(() => y.backward()).message).toMatch(/disposed/);
  });
  test('a view never frees its base, and the base does not free a live view', () => {
    const a = big(32, 32);
    const copy = Array.from(a.data);
    const v = a.reshape(1024);
    v.dispose();
    expect(Array.from(a.data)).toEqual(copy);
    const w = a.detach();
    a.dispose();
    // w still holds the buffer: nothing may reuse it.
    const others = [big(32, 32), big(32, 32), big(1024)];
    expect(Array.from(w.data)).toEqual(copy);
    expect(others.every((o) => o.data !== w.data)).toBe(true);
  });
  test('disposing the grad wrapper keeps the gradient', () => {
    const a = big(32, 32);
    a.mul(3).sum().backward();
    a.grad!.dispose();
    expect(Array.from(a.gradData!.slice(0, 3))).toEqual([3, 3, 3]);
  });
});

describe('tidy', () => {
  test('releases what the result does not reach and keeps the result with its graph', () => {
    const x = big(32, 32);
    let inner!: MLArray;
    const y = tidy(() => {
      inner = x.exp();
      const dropped = x.mul(2).add(1);
      void dropped;
      return inner.sum();
    });
    expect(inner.isDisposed).toBe(false);
    expect(y.isDisposed).toBe(false);
    y.backward();
    expect(x.grad!.data[0]).toBeCloseTo(Math.exp(x.data[0]), 12);
  });
  test('a throw inside releases everything it made', () => {
    let made!: MLArray;
    expect(() => tidy(() => {
      made = big(32, 32).mul(2);
      throw new Error('boom');
    })).toThrow('boom');
    expect(made.isDisposed).toBe(true);
  });
  test('keep exempts an array; nested tidy hands inner results to the outer scope', () => {
    let kept!: MLArray, innerResult!: MLArray;
    tidy(() => {
      kept = keep(big(32, 32));
      innerResult = tidy(() => big(32, 32).mul(2));
      expect(innerResult.isDisposed).toBe(false);
      return 0;
    });
    expect(kept.isDisposed).toBe(false);
    expect(innerResult.isDisposed).toBe(true);
  });
  test('results inside arrays and plain objects survive', () => {
    const out = tidy(() => ({ a: big(32, 32), list: [big(32, 32)] }));
    expect(out.a.isDisposed).toBe(false);
    expect(out.list[0].isDisposed).toBe(false);
  });
  test('gradients of arrays made outside survive, even when first allocated inside', () => {
    const w = big(32, 32);
    tidy(() => {
      w.mul(w).sum().backward();
      return 0;
    });
    expect(w.grad).not.toBeNull();
    expect(w.gradData!.length).toBe(1024);
    expect(w.gradData![5]).toBeCloseTo(2 * w.data[5], 12);
  });
  test('takes synchronous functions only', () => {
    expect(thrown(() => tidy((async () => 1) as never))).toBeInstanceOf(TypeError);
    expect(thrown(() => tidy((() => Promise.resolve(1)) as never))).toBeInstanceOf(TypeError);
  });
});

test('stress: buffers reachable through live arrays are never reused', () => {
  const r = new Rng(99);
  const held: { a: MLArray; copy: number[] }[] = [];
  for (let round = 0; round < 60; round++) {
    tidy(() => {
      const t = randn([16, 16 + (round % 3)], { rng: r });
      const u = t.mul(2).add(t.exp()).reshape(-1);
      if (r.next() < 0.3) held.push({ a: keep(u), copy: Array.from(u.data) });
      if (r.next() < 0.3) t.dispose();
      return r.next() < 0.5 ? u.sum().item() : 0;
    });
    if (held.length > 0 && r.next() < 0.2) {
      const i = Math.floor(r.next() * held.length);
      held[i].a.dispose();
      held.splice(i, 1);
    }
    for (const h of held) expect(Array.from(h.a.data)).toEqual(h.copy);
  }
  expect(held.length).toBeGreaterThan(3);
});

test('a training step inside tidy allocates no fresh buffer of 4 KiB or more after warm-up', () => {
  const r = new Rng(5);
  const x = randn([64, 784], { rng: r, requiresGrad: false });
  const y = randn([64, 10], { rng: r, requiresGrad: false });
  const w1 = randn([784, 128], { rng: r }).mul(0.05).detach(), b1 = zeros(1, 128);
  const w2 = randn([128, 10], { rng: r }).mul(0.1).detach(), b2 = zeros(1, 10);
  for (const p of [w1, w2]) p.requiresGrad = true;
  const params = [w1, b1, w2, b2];
  const step = (): number => tidy(() => {
    const loss = x.matmul(w1).add(b1).relu().matmul(w2).add(b2).sub(y).square().mean();
    loss.backward();
    noGrad(() => {
      for (const p of params) {
        const g = p.gradData!, d = p.data;
        for (let i = 0; i < d.length; i++) d[i] -= 0.01 * g[i];
        p.zeroGrad();
      }
    });
    return loss.item();
  });
  const losses = [step(), step(), step()];
  const before = poolStats().freshBuffers;
  for (let i = 0; i < 20; i++) losses.push(step());
  expect(poolStats().freshBuffers - before).toBe(0);
  expect(poolStats().reusedBuffers).toBeGreaterThan(100);
  expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
});
