import { MLArray, Rng, ShapeError, Value, customOp, elementCap, gradCheck, noGrad, ones, randn, setElementCap, zeros } from '../src';

// One regression test for every class of fault the adversarial campaign found.
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('nesting and dimensions (numpy: at most 64)', () => {
  test('an array that contains itself is a RangeError, not a hang', () => {
    const a: unknown[] = [1];
    a[0] = a;
    const e = thrown(() => new MLArray(a as never));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toMatch(/64 dimensions.*contains itself/);
  });
  test('deep nesting (1e4 levels) is a RangeError naming the limit', () => {
    let x: unknown = 1;
    for (let i = 0; i < 1e4; i++) x = [x];
    expect(thrown(() => new MLArray(x as never))).toBeInstanceOf(RangeError);
  });
  test('64 dimensions work, 65 do not (construction, reshape, broadcasting, shapes)', () => {
    const d64 = new Array<number>(64).fill(1);
    expect(zeros(d64).ndim).toBe(64);
    expect(thrown(() => zeros(new Array<number>(65).fill(1)))).toBeInstanceOf(RangeError);
    expect(thrown(() => zeros(2).reshape(new Array<number>(65).fill(1).concat([2])))).toBeInstanceOf(RangeError);
    expect(thrown(() => zeros(d64).add(zeros([2, ...d64])))).toBeInstanceOf(RangeError);
    expect(zeros(d64).toString()).toMatch(/shape=/);
    expect(zeros(d64).toList()).toBeDefined();
  });
});

describe('no coercion into data', () => {
  test.each([['a string', ['1', 2]], ['null', [null, 2]], ['a boolean', [true, 2]], ['a hole', Object.assign(new Array(3), { 0: 1, 2: 3 })]])('MLArray.from rejects %s', (_n, data) => {
    const arr = data as unknown as number[];
    const e = thrown(() => MLArray.from(arr, [arr.length]));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch(/MLArray\.from: element \d/);
  });
  test('customOp rejects plain-array data and non-array inputs', () => {
    const x = ones(2);
    expect(thrown(() => customOp('f', [x], [1, 2] as never, [2], () => undefined))).toBeInstanceOf(TypeError);
    expect(thrown(() => customOp('f', [[1, 2]] as never, new Float64Array(2), [2], () => undefined))).toBeInstanceOf(TypeError);
    expect(thrown(() => customOp('f', x as never, new Float64Array(2), [2], () => undefined))).toBeInstanceOf(TypeError);
  });
});

describe('forged brands are checked at the door', () => {
  const brand = Symbol.for('smolml.MLArray');
  const forged = (data: unknown, shape: number[]): unknown => ({ [brand]: true, data, shape, size: shape.reduce((p, q) => p * q, 1), requiresGrad: false, _prev: [] });
  test.each([
    ['plain-array data', forged([1, 2, 3], [3])],
    ['data shorter than its shape', forged(new Float64Array(2), [3])],
    ['string data', forged(['a', 'b'], [2])],
  ])('%s is not an MLArray', (_n, f) => {
    expect(f instanceof MLArray).toBe(false);
    expect(thrown(() => ones(3).add(f as MLArray))).toBeInstanceOf(TypeError);
    expect(thrown(() => ones(3, 3).matmul(f as MLArray))).toBeInstanceOf(TypeError);
  });
});

describe('backward never dereferences a missing gradient buffer', () => {
  test('an input whose requiresGrad was switched off after recording is skipped', () => {
    const a = ones(3);
    const y = a.mul(2).sum();
    a.requiresGrad = false;
    y.backward();
    expect(a.grad).toBeNull();
  });
  test('the same through every kind of op', () => {
    const a = randn(2, 3), b = randn(3, 2);
    const y = a.matmul(b).exp().sum().add(a.sum(0).reshape(3, 1).transpose().std()).add(a.maximum(0.1).prod()).add(a.logsumexp(1).cumsum(0).sum());
    a.requiresGrad = false;
    b.requiresGrad = false;
    expect(() => y.backward()).not.toThrow();
  });
});

describe('scopes take synchronous functions only', () => {
  test('noGrad rejects an async function before it runs', () => {
    let ran = false;
    const e = thrown(() => noGrad((async () => { ran = true; }) as never));
    expect(e).toBeInstanceOf(TypeError);
    expect(ran).toBe(false);
  });
  test('noGrad rejects a returned thenable after', () => {
    expect(thrown(() => noGrad((() => ({ then() {} })) as never))).toBeInstanceOf(TypeError);
  });
  test('gradCheck restores its input when fn throws', () => {
    const x = new MLArray([1, 2, 3]);
    let calls = 0;
    expect(() => gradCheck((a) => { if (++calls > 1) throw new Error('boom'); return a.mul(2); }, [x])).toThrow('boom');
    expect(Array.from(x.data)).toEqual([1, 2, 3]);
  });
});

describe('options are checked, never coerced', () => {
  test.each([
    ['null options', () => zeros([2], null as never), TypeError],
    ['an rng that is not an Rng', () => randn([2], { rng: { normal: () => 0 } as never }), TypeError],
    ["requiresGrad: 'no'", () => zeros([2], { requiresGrad: 'no' as never }), TypeError],
    ["keepdims: 'no'", () => ones(2, 2).sum(0, 'no' as never), TypeError],
    ['a dtype that does not exist', () => zeros([2], { dtype: 'int8' as never }), TypeError],
    ['a string axis', () => ones(2, 2).sum('0' as never), RangeError],
    ['a fractional seed', () => new Rng(1.5), RangeError],
    ['Rng.uniform with a string', () => new Rng(0).uniform('a' as never), TypeError],
  ])('%s', (_n, fn, type) => {
    const e = thrown(fn);
    expect(e).toBeInstanceOf(type);
    expect(e.message).not.toMatch(/Cannot read properties|is not a function|Invalid typed array length/);
  });
});

describe('huge allocations fail early with a RangeError naming the op, shape and bytes', () => {
  test('zeros(1e5, 1e5)', () => {
    const e = thrown(() => zeros(1e5, 1e5));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toMatch(/zeros: .*\[100000, 100000\].*80000000000 bytes/);
  });
  test('a declared shape of 2^54 elements', () => {
    const e = thrown(() => MLArray.from({ length: 2 ** 54 } as ArrayLike<number>, [2 ** 27, 2 ** 27]));
    expect(e).toBeInstanceOf(RangeError);
  });
  test('an op whose output would pass the cap', () => {
    const cap = elementCap();
    try {
      setElementCap(100);
      expect(thrown(() => ones(11, 1).mul(ones(1, 10)))).toBeInstanceOf(RangeError);
      expect(ones(10, 1).mul(ones(1, 10)).size).toBe(100);
    } finally {
      setElementCap(cap);
    }
  });
  test('a bad cap is a RangeError', () => {
    expect(thrown(() => setElementCap(0))).toBeInstanceOf(RangeError);
    expect(thrown(() => setElementCap(1.5))).toBeInstanceOf(RangeError);
  });
});

describe('Value.custom', () => {
  test('propagates grad · partial into each parent', () => {
    const a = new Value(2), b = new Value(-3);
    const y = Value.custom(a.data * b.data, [a, b], [b.data, a.data]).mul(2);
    y.backward();
    expect([a.grad, b.grad]).toEqual([-6, 4]);
    expect(y.prev[0].prev).toEqual([a, b]);
  });
  test('checks its arguments', () => {
    expect(thrown(() => Value.custom(1, [new Value(1)], []))).toBeInstanceOf(RangeError);
    expect(thrown(() => Value.custom(1, [1 as never], [1]))).toBeInstanceOf(TypeError);
    expect(thrown(() => Value.custom('1' as never, [], []))).toBeInstanceOf(TypeError);
  });
});

test('ShapeError still names both shapes', () => {
  expect(thrown(() => ones(2, 3).add(ones(4)))).toBeInstanceOf(ShapeError);
});

test('a forged Value brand with non-number data is not a Value', () => {
  const forged = { [Symbol.for('smolml.Value')]: true, data: 'x', grad: 0 };
  expect(forged instanceof Value).toBe(false);
  expect(() => new Value(1).add(forged as never)).toThrow(TypeError);
  expect(() => Value.custom(1, [forged as never], [1])).toThrow(TypeError);
});
