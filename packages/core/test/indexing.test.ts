// Behaviour of the indexing, joining and mask ops beyond the reference values: copies
// vs shared data, requiresGrad of what they create, promotion, the savedBuffers they
// declare, and every bad-input path (typed errors naming the op, the value and its
// position).
import {
  MLArray, ShapeError, concat, elementCap, oneHot, setDefaultDType, setElementCap, stack, where, zeros,
} from '../src';

const m = (nested: number[][] | number[], dtype: 'float64' | 'float32' = 'float64', requiresGrad = true): MLArray =>
  new MLArray(nested, { dtype, requiresGrad });
const range = (n: number, shape: number[]): MLArray => MLArray.from(Array.from({ length: n }, (_, i) => i), shape);

describe('slice', () => {
  const x = m([[1, 2, 3], [4, 5, 6]]);

  test('the spelling of the doc examples', () => {
    expect(x.slice([], [0, 2]).toList()).toEqual([[1, 2], [4, 5]]);
    expect(x.slice(-1, [null, null, -1]).toList()).toEqual([6, 5, 4]);
    expect(x.slice([], null).shape).toEqual([2, 1, 3]);
    expect(x.slice().toList()).toEqual(x.toList());
    expect(x.slice(1).toList()).toEqual([4, 5, 6]);
    expect(x.slice([1]).toList()).toEqual([[4, 5, 6]]); // [1] is 1:, keeping the axis
    expect(x.slice(0, 2).shape).toEqual([]);
    expect(x.slice(0, 2).item()).toBe(3);
  });

  test('is a copy: writing the result never writes back', () => {
    const y = x.slice([], [1]);
    y.data[0] = 99;
    expect(x.get(0, 1)).toBe(2);
    expect(y.data).not.toBe(x.data);
  });

  test('keeps the dtype, records a node only when the input requires grad', () => {
    const f = m([1, 2, 3], 'float32', false).slice([1]);
    expect(f.dtype).toBe('float32');
    expect(f.requiresGrad).toBe(false);
    expect(f.op).toBe('');
    const g = m([1, 2, 3]).slice([1]);
    expect(g.requiresGrad).toBe(true);
    expect(g.op).toBe('slice');
  });

  test('bad specs are typed errors naming slice and the spec', () => {
    expect(() => x.slice('a' as never)).toThrow(TypeError);
    expect(() => x.slice([0, 'b'] as never)).toThrow(/slice: the stop of spec 0 must be an integer or null/);
    expect(() => x.slice([0, 1, 1, 1] as never)).toThrow(TypeError);
    expect(() => x.slice([0.5])).toThrow(RangeError);
    expect(() => x.slice([0, Infinity])).toThrow(/the stop of spec 0 must be an integer or null, got Infinity/);
    expect(() => x.slice([], [-Infinity])).toThrow(RangeError);
    expect(() => x.slice([NaN])).toThrow(RangeError);
    expect(() => x.slice([null, null, 0])).toThrow(/the step of spec 0 must not be zero/);
    expect(() => x.slice(2)).toThrow(/slice: index 2 at position 0 is out of range for axis 0 of length 2; expected an integer in \[-2, 1\]/);
    expect(() => x.slice([], -4)).toThrow(/index -4 at position 1/);
    expect(() => x.slice(0.5)).toThrow(/index 0.5 at position 0 is not an integer/);
    expect(() => x.slice(NaN)).toThrow(RangeError);
    expect(() => x.slice(0, 0, 0)).toThrow(/too many indices/);
    expect(() => x.slice(null, [], null, [], 0)).toThrow(/too many indices/);
  });

  test('new axes stop at 64 dimensions', () => {
    const specs = Array<null>(63).fill(null);
    expect(m([1, 2]).slice(...specs).ndim).toBe(64);
    expect(() => m([1, 2]).slice(...specs, null)).toThrow(/64/);
  });
});

describe('take', () => {
  const table = m([[1, 2], [3, 4], [5, 6]]);

  test('numpy.take shapes and array-like indices', () => {
    expect(table.take([2, 0, 2]).toList()).toEqual([[5, 6], [1, 2], [5, 6]]);
    expect(table.take(new Int32Array([1]), 1).toList()).toEqual([[2], [4], [6]]);
    expect(table.take(new Float32Array([-1])).toList()).toEqual([[5, 6]]);
    expect(table.take(new MLArray([[0, 1], [2, 2]])).shape).toEqual([2, 2, 2]);
    expect(table.take(new MLArray(1)).toList()).toEqual([3, 4]);
    expect(table.take([]).shape).toEqual([0, 2]);
  });

  test('duplicates scatter-add and the indices are the saved buffer', () => {
    const t = m([[1, 2], [3, 4], [5, 6]]);
    const out = t.take([1, 1, 2, 1]);
    expect(out.savedBuffers).toHaveLength(1);
    expect(Array.from(out.savedBuffers[0] as Int32Array)).toEqual([1, 1, 2, 1]);
    out.sum().backward();
    expect(t.grad?.toList()).toEqual([[0, 0], [3, 3], [1, 1]]);
  });

  test('indices never receive a gradient and never make the result require grad', () => {
    const idx = new MLArray([0, 1], { requiresGrad: true });
    const out = m([1, 2, 3], 'float64', false).take(idx);
    expect(out.requiresGrad).toBe(false);
  });

  test('bad indices are RangeErrors naming the index and its position', () => {
    expect(() => table.take([0, 3])).toThrow(/take: index 3 at position 1 is out of range for axis 0 of length 3; expected an integer in \[-3, 2\]/);
    expect(() => table.take([-4])).toThrow(RangeError);
    expect(() => table.take([0.5])).toThrow(/index 0.5 at position 0 is not an integer/);
    expect(() => table.take([NaN])).toThrow(/index NaN at position 0 is not an integer/);
    expect(() => table.take([Infinity])).toThrow(RangeError);
    expect(() => table.take(new MLArray([[0, 1], [7, 0]]))).toThrow(/index 7 at position \[1, 0\]/);
    expect(() => zeros([0, 2]).take([0])).toThrow(/the axis is empty/);
  });

  test('wrong types are TypeErrors', () => {
    expect(() => table.take('0' as never)).toThrow(TypeError);
    expect(() => table.take(['0'] as never)).toThrow(/take: indices\[0\] is a string/);
    expect(() => table.take([[0, 1]] as never)).toThrow(/nested indices go in an MLArray/);
    expect(() => table.take(new BigInt64Array(1) as never)).toThrow(TypeError);
    expect(() => table.take([0], '0' as never)).toThrow(/take: axis must be an integer/);
    expect(() => table.take([0], 2)).toThrow(RangeError);
    expect(() => new MLArray(5).take([0])).toThrow(RangeError);
  });
});

describe('takeAlongAxis', () => {
  test('numpy semantics, with broadcasting', () => {
    const logits = m([[0.1, 0.9], [0.8, 0.2]]);
    expect(logits.takeAlongAxis(new MLArray([[1], [0]]), 1).toList()).toEqual([[0.9], [0.8]]);
    expect(logits.takeAlongAxis(new MLArray([[1, 0, 1]]), 1).toList()).toEqual([[0.9, 0.1, 0.9], [0.2, 0.8, 0.2]]);
    expect(m([[1, 2, 3]]).takeAlongAxis(new MLArray([[2], [0]]), 1).toList()).toEqual([[3], [1]]);
  });

  test('shape mismatches are ShapeErrors, bad indices RangeErrors, wrong types TypeErrors', () => {
    const a = m([[1, 2], [3, 4]]);
    expect(() => a.takeAlongAxis(new MLArray([0, 1]), 1)).toThrow(ShapeError);
    expect(() => a.takeAlongAxis(new MLArray([[0], [1], [0]]), 1)).toThrow(ShapeError);
    expect(() => a.takeAlongAxis(new MLArray([[0], [2]]), 1)).toThrow(/takeAlongAxis: index 2 at position \[1, 0\] is out of range/);
    expect(() => a.takeAlongAxis([[0]] as never, 1)).toThrow(TypeError);
    expect(() => a.takeAlongAxis(new MLArray([[0]]), 2)).toThrow(RangeError);
  });
});

describe('concat and stack', () => {
  test('join along an axis; mixed dtypes promote as every op does', () => {
    const a = m([[1, 2]], 'float32'), b = m([[3, 4]]);
    expect(concat([a, b]).toList()).toEqual([[1, 2], [3, 4]]);
    expect(concat([a, b]).dtype).toBe('float64');
    expect(concat([a, a], 1).dtype).toBe('float32');
    expect(concat([a, b], -1).toList()).toEqual([[1, 2, 3, 4]]);
    expect(stack([a, b]).shape).toEqual([2, 1, 2]);
    expect(stack([a, b], -1).shape).toEqual([1, 2, 2]);
    expect(stack([new MLArray(1), new MLArray(2)]).toList()).toEqual([1, 2]);
  });

  test('the result is a copy with every input as a parent', () => {
    const a = m([1, 2]), b = m([3]);
    const c = concat([a, b]);
    expect(c.prev).toEqual([a, b]);
    c.data[0] = 9;
    expect(a.data[0]).toBe(1);
  });

  test('bad lists', () => {
    expect(() => concat([])).toThrow(RangeError);
    expect(() => stack([])).toThrow(/stack: expected at least one array/);
    expect(() => concat(m([1]) as never)).toThrow(TypeError);
    expect(() => concat([m([1]), [2]] as never)).toThrow(/concat: element 1 of the list is a plain array/);
    expect(() => concat([m([[1, 2]]), m([[1, 2, 3]])])).toThrow(/concat: array 0 has shape \[1, 2\] but array 1 has shape \[1, 3\]/);
    expect(() => concat([m([[1, 2]]), m([[1, 2, 3]])])).toThrow(ShapeError);
    expect(() => concat([m([1, 2]), m([[1, 2]])])).toThrow(ShapeError);
    expect(() => concat([new MLArray(1), new MLArray(2)])).toThrow(ShapeError);
    expect(() => concat([m([1])], 1)).toThrow(RangeError);
    expect(() => concat([m([1])], '0' as never)).toThrow(TypeError);
    expect(() => stack([m([1, 2]), m([1])])).toThrow(/stack: array 0 has shape \[2\] but array 1 has shape \[1\]; all arrays must have the same shape/);
    expect(() => stack([m([1])], 2)).toThrow(RangeError);
  });

  test('stack stops at 64 dimensions', () => {
    const deep = zeros(Array<number>(64).fill(1));
    expect(() => stack([deep])).toThrow(/64/);
  });
});

describe('split', () => {
  const x = range(5, [5]);

  test('a number is the chunk size (torch.split); a list gives every size', () => {
    expect(x.split(2).map((p) => p.toList())).toEqual([[0, 1], [2, 3], [4]]);
    expect(x.split([1, 0, 4]).map((p) => p.shape)).toEqual([[1], [0], [4]]);
    expect(range(6, [2, 3]).split(1, 1).map((p) => p.toList())).toEqual([[[0], [3]], [[1], [4]], [[2], [5]]]);
    expect(zeros([0, 2]).split(3).map((p) => p.shape)).toEqual([[0, 2]]);
    expect(zeros([0, 2]).split(0).map((p) => p.shape)).toEqual([[0, 2]]);
  });

  test('pieces are copies, each with its own way back', () => {
    const y = m([1, 2, 3, 4]);
    const [p, q] = y.split(2);
    p.data[0] = 9;
    expect(y.data[0]).toBe(1);
    q.mul(m([10, 20], 'float64', false)).sum().backward();
    expect(y.grad?.toList()).toEqual([0, 0, 10, 20]);
  });

  test('sizes that do not sum, and bad chunk sizes', () => {
    expect(() => x.split([2, 2])).toThrow(/split: sizes \[2, 2\] sum to 4, but axis 0 has length 5/);
    expect(() => x.split([2, -1, 4])).toThrow(RangeError);
    expect(() => x.split([2.5, 2.5])).toThrow(RangeError);
    expect(() => x.split(0)).toThrow(/split: the chunk size must be a positive integer, got 0/);
    expect(() => x.split(-2)).toThrow(RangeError);
    expect(() => x.split(1.5)).toThrow(RangeError);
    expect(() => x.split('2' as never)).toThrow(TypeError);
    expect(() => x.split(['2'] as never)).toThrow(TypeError);
    expect(() => x.split(2, 1)).toThrow(RangeError);
  });
});

describe('where', () => {
  test('condition != 0 picks a (NaN counts as true), broadcasting all three', () => {
    const c = new MLArray([1, 0, NaN, -0, 2], { requiresGrad: false });
    expect(where(c, m([1, 2, 3, 4, 5]), -1).toList()).toEqual([1, -1, 3, -1, 5]);
    expect(where(new MLArray([[1], [0]]), m([1, 2]), m([[7], [8]])).toList()).toEqual([[1, 2], [8, 8]]);
  });

  test('gradients reach both branches and never the condition', () => {
    const c = new MLArray([1, 0, 1], { requiresGrad: true });
    const a = m([1, 2, 3]), b = m([4]);
    where(c, a, b).sum().backward();
    expect(a.grad?.toList()).toEqual([1, 0, 1]);
    expect(b.grad?.toList()).toEqual([1]);
    expect(c.grad).toBeNull();
  });

  test('dtypes: branches promote; two numbers take the default dtype; the mask is the saved buffer', () => {
    const c = new MLArray([1, 0], { dtype: 'float32' });
    expect(where(c, m([1, 2], 'float32'), m([3, 4])).dtype).toBe('float64');
    expect(where(c, m([1, 2], 'float32'), 0.1).dtype).toBe('float32');
    expect(where(c, m([1, 2], 'float32'), 0.1).data[1]).toBe(Math.fround(0.1));
    const two = where(c, 1, 0);
    expect(two.dtype).toBe('float64');
    expect(two.requiresGrad).toBe(false);
    expect(two.toList()).toEqual([1, 0]);
    try {
      setDefaultDType('float32');
      expect(where(c, 1, 0).dtype).toBe('float32');
    } finally {
      setDefaultDType('float64');
    }
    const out = where(c, m([1, 2]), 0);
    expect(out.savedBuffers).toHaveLength(1);
    expect(out.savedBuffers[0]).toBeInstanceOf(Uint8Array);
  });

  test('bad input', () => {
    expect(() => where([1, 0] as never, 1, 0)).toThrow(/where: the condition must be an MLArray/);
    expect(() => where(m([1]), '1' as never, 0)).toThrow(TypeError);
    expect(() => where(m([1, 0]), m([1, 2, 3]), 0)).toThrow(ShapeError);
  });
});

describe('comparisons', () => {
  const a = m([1, 2, NaN]);

  test('1/0 in the promoted dtype, as IEEE-754 compares', () => {
    expect(a.eq(2).toList()).toEqual([0, 1, 0]);
    expect(a.ne(2).toList()).toEqual([1, 0, 1]);
    expect(a.gt(1).toList()).toEqual([0, 1, 0]);
    expect(a.ge(1).toList()).toEqual([1, 1, 0]);
    expect(a.lt(2).toList()).toEqual([1, 0, 0]);
    expect(a.le(2).toList()).toEqual([1, 1, 0]);
    expect(m([[1], [2]]).eq(m([1, 2])).toList()).toEqual([[1, 0], [0, 1]]);
    expect(m([0.1], 'float32').eq(0.1).toList()).toEqual([1]); // 0.1 rounds to float32 first, as torch
    expect(m([0.1], 'float32').eq(m([0.1])).dtype).toBe('float64');
    expect(m([0.1], 'float32').eq(m([0.1])).toList()).toEqual([0]);
    expect(m([1], 'float32').gt(0).dtype).toBe('float32');
  });

  test('data, not parameters: no grad, no graph', () => {
    for (const r of [a.eq(1), a.ne(a), a.gt(0), a.ge(0), a.lt(0), a.le(0), a.argmin(), a.argmax()]) {
      expect(r.requiresGrad).toBe(false);
      expect(r.prev).toHaveLength(0);
    }
  });

  test('wrong operands', () => {
    expect(() => a.eq('1' as never)).toThrow(/eq: expected an MLArray or a number/);
    expect(() => a.lt([1, 2, 3] as never)).toThrow(TypeError);
    expect(() => a.ge(m([1, 2]))).toThrow(ShapeError);
  });
});

describe('argmin', () => {
  test('first occurrence, float64 indices whatever the dtype', () => {
    const x = m([[3, 1, 1], [0, 2, 0]], 'float32');
    expect(x.argmin(1).toList()).toEqual([1, 0]);
    expect(x.argmin(1).dtype).toBe('float64');
    expect(x.argmin().item()).toBe(3);
    expect(x.argmin(0, true).toList()).toEqual([[1, 0, 1]]);
    expect(x.argmin(null, true).shape).toEqual([1, 1]);
    expect(m([2, NaN, 1, NaN]).argmin().item()).toBe(1);
  });

  test('bad arguments', () => {
    expect(() => zeros([2, 0]).argmin(1)).toThrow(/argmin: cannot reduce an empty axis/);
    expect(() => m([1]).argmin(1)).toThrow(RangeError);
    expect(() => m([1]).argmin(0, 'yes' as never)).toThrow(TypeError);
  });
});

describe('oneHot', () => {
  test('rows of labels; data by default, options override', () => {
    expect(oneHot([2, 0], 3).toList()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(oneHot([2, 0], 3).requiresGrad).toBe(false);
    expect(oneHot([2, 0], 3).dtype).toBe('float64');
    expect(oneHot(new MLArray([[1], [0]]), 2).shape).toEqual([2, 1, 2]);
    const o = oneHot(new Float32Array([1]), 2, { dtype: 'float32', requiresGrad: true });
    expect(o.dtype).toBe('float32');
    expect(o.requiresGrad).toBe(true);
    try {
      setDefaultDType('float32');
      expect(oneHot([0], 1).dtype).toBe('float32');
    } finally {
      setDefaultDType('float64');
    }
  });

  test('labels outside [0, numClasses) and bad numClasses', () => {
    expect(() => oneHot([0, 3], 3)).toThrow(/oneHot: index 3 at position 1 is out of range for numClasses of length 3; expected an integer in \[0, 2\]/);
    expect(() => oneHot([-1], 3)).toThrow(RangeError);
    expect(() => oneHot([1.5], 3)).toThrow(/not an integer/);
    expect(() => oneHot([NaN], 3)).toThrow(RangeError);
    expect(() => oneHot([0], 0)).toThrow(/numClasses must be a positive integer/);
    expect(() => oneHot([0], 2.5)).toThrow(RangeError);
    expect(() => oneHot([0], '3' as never)).toThrow(TypeError);
    expect(() => oneHot('0' as never, 3)).toThrow(TypeError);
    expect(() => oneHot([0], 3, null as never)).toThrow(TypeError);
    expect(() => oneHot([0], 3, { dtype: 'int32' as never })).toThrow(TypeError);
    expect(() => oneHot([0], 3, { requiresGrad: 1 as never })).toThrow(TypeError);
  });
});

describe('squeeze, unsqueeze, flatten', () => {
  test('shapes', () => {
    const x = zeros(2, 1, 3, 1);
    expect(x.squeeze().shape).toEqual([2, 3]);
    expect(x.squeeze(1).shape).toEqual([2, 3, 1]);
    expect(x.squeeze([-1, 1]).shape).toEqual([2, 3]);
    expect(new MLArray(5).squeeze(0).shape).toEqual([]);
    expect(x.unsqueeze(0).shape).toEqual([1, 2, 1, 3, 1]);
    expect(x.unsqueeze(-1).shape).toEqual([2, 1, 3, 1, 1]);
    expect(new MLArray(5).unsqueeze(-1).shape).toEqual([1]);
    expect(zeros(2, 3, 4).flatten().shape).toEqual([24]);
    expect(zeros(2, 3, 4).flatten(1).shape).toEqual([2, 12]);
    expect(zeros(2, 3, 4).flatten(0, -2).shape).toEqual([6, 4]);
    expect(new MLArray(5).flatten().shape).toEqual([1]);
  });

  test('they rename the shape of the same data, as reshape does', () => {
    const x = m([[1, 2, 3]]);
    expect(x.squeeze().data).toBe(x.data);
    expect(x.unsqueeze(0).data).toBe(x.data);
    expect(x.flatten().data).toBe(x.data);
  });

  test('squeezing an axis whose length is not 1 is a RangeError (numpy)', () => {
    const x = zeros(2, 1, 3);
    expect(() => x.squeeze(0)).toThrow(/squeeze: cannot remove axis 0 of shape \[2, 1, 3\]: its length is 2, not 1/);
    expect(() => x.squeeze([1, 1])).toThrow(/given twice/);
    expect(() => x.squeeze(3)).toThrow(RangeError);
    expect(() => x.squeeze('1' as never)).toThrow(TypeError);
    expect(() => x.unsqueeze(4)).toThrow(RangeError);
    expect(() => x.unsqueeze(-5)).toThrow(RangeError);
    expect(() => x.unsqueeze('0' as never)).toThrow(TypeError);
    expect(() => zeros(Array<number>(64).fill(1)).unsqueeze(0)).toThrow(/64/);
    expect(() => x.flatten(2, 1)).toThrow(/flatten: startAxis 2 comes after endAxis 1/);
    expect(() => x.flatten(0, 3)).toThrow(RangeError);
    expect(() => new MLArray(5).flatten(1)).toThrow(RangeError);
  });
});

describe('broadcastTo', () => {
  test('numpy rule, materialised', () => {
    const x = m([1, 2]);
    const y = x.broadcastTo([2, 2]);
    expect(y.toList()).toEqual([[1, 2], [1, 2]]);
    y.data[0] = 9;
    expect(x.data[0]).toBe(1);
    expect(new MLArray(3).broadcastTo([2]).toList()).toEqual([3, 3]);
  });

  test('gradient sums back', () => {
    const x = m([[1], [2]]);
    x.broadcastTo([3, 2, 4]).sum().backward();
    expect(x.grad?.toList()).toEqual([[12], [12]]);
  });

  test('bad shapes', () => {
    expect(() => m([1, 2]).broadcastTo([3])).toThrow(/broadcastTo: cannot broadcast shape \[2\] to \[3\]/);
    expect(() => m([[1, 2]]).broadcastTo([2])).toThrow(ShapeError);
    expect(() => m([1]).broadcastTo('3' as never)).toThrow(TypeError);
    expect(() => m([1]).broadcastTo([-1])).toThrow(RangeError);
    expect(() => m([1]).broadcastTo(Array<number>(65).fill(1))).toThrow(/64/);
  });
});

describe('element cap', () => {
  test('oversized results are RangeErrors naming the op, before allocating', () => {
    const cap = elementCap();
    const one = m([1]), ten = range(10, [10]), cond = m(Array<number>(101).fill(1)), idx = new MLArray(Array<number>(101).fill(0));
    try {
      setElementCap(100);
      expect(() => one.broadcastTo([101])).toThrow(/broadcastTo: the result of shape \[101\]/);
      expect(() => oneHot([0, 1], 51)).toThrow(/oneHot: the result of shape \[2, 51\]/);
      expect(() => ten.take(idx)).toThrow(/take: the result of shape \[101\]/);
      expect(() => where(cond, 1, 0)).toThrow(/where: the result/);
      expect(() => stack(Array<MLArray>(11).fill(ten))).toThrow(/stack: the result/);
      expect(() => concat(Array<MLArray>(11).fill(ten))).toThrow(/concat: the result/);
      expect(() => ten.takeAlongAxis(idx, 0)).toThrow(/takeAlongAxis: the result/);
    } finally {
      setElementCap(cap);
    }
  });
});

describe('assign', () => {
  test('copies in place, casts to the target dtype, returns the target, records nothing', () => {
    const w = zeros([2, 2], { dtype: 'float32' });
    const data = w.data;
    expect(w.assign(new MLArray([[0.1, 2], [3, 4]]))).toBe(w);
    expect(w.data).toBe(data);
    expect(w.data[0]).toBe(Math.fround(0.1));
    w.assign([5, 6, 7, 8]);
    expect(w.toList()).toEqual([[5, 6], [7, 8]]);
    w.assign(new Float64Array([1, 2, 3, 4]));
    expect(w.toList()).toEqual([[1, 2], [3, 4]]);
    expect(w.op).toBe('');
    expect(w.requiresGrad).toBe(true);
  });

  test('keeps the gradient and whatever is keyed by the array (an optimizer state)', () => {
    const w = m([1, 2]);
    w.mul(w).sum().backward();
    const state = new Map([[w, 'moments']]);
    w.assign([3, 4]);
    expect(w.grad?.toList()).toEqual([2, 4]);
    expect(state.get(w)).toBe('moments');
  });

  test('refuses non-leaves, wrong shapes and non-numbers (leaving the target untouched)', () => {
    const w = m([1, 2]);
    expect(() => w.mul(2).assign([1, 2])).toThrow(/assign: the target was computed by 'mul', not a leaf/);
    expect(() => w.assign(m([[1, 2]]))).toThrow(/assign: source of shape \[1, 2\] does not match the target's shape \[2\]/);
    expect(() => w.assign([1, 2, 3])).toThrow(ShapeError);
    expect(() => w.assign([9, '2'] as never)).toThrow(/assign: source\[1\] is a string/);
    expect(w.toList()).toEqual([1, 2]);
    expect(() => w.assign('12' as never)).toThrow(TypeError);
    expect(() => w.assign(new BigInt64Array(2) as never)).toThrow(TypeError);
  });
});

describe('a backward rule skips an input that stopped requiring grad', () => {
  const ops: [string, (x: MLArray) => MLArray][] = [
    ['slice', (x) => x.slice([null, null, -1])],
    ['take', (x) => x.take([1, 1, 0])],
    ['takeAlongAxis', (x) => x.takeAlongAxis(new MLArray([0, 0, 2]), 0)],
    ['concat', (x) => concat([x, x])],
    ['stack', (x) => stack([x, x])],
    ['split', (x) => x.split(2)[0]],
    ['where', (x) => where(new MLArray([1, 0, 1]), x, x)],
    ['broadcastTo', (x) => x.broadcastTo([2, 3])],
  ];
  test.each(ops)('%s', (_name, f) => {
    const x = m([1, 2, 3]);
    const y = f(x).mul(m([2], 'float64', false)).sum();
    x.requiresGrad = false;
    y.backward();
    expect(x.grad).toBeNull();
  });
});
