import { MLArray, ShapeError, Value, full, zeros } from '../src';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('errors name the op, the shapes and the bad element', () => {
  test('broadcasting mismatch', () => {
    const e = thrown(() => zeros(2, 3).add(zeros(4)));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe('add: shapes [2, 3] and [4] cannot be broadcast together');
    expect((e as ShapeError).shapes).toEqual([[2, 3], [4]]);
  });

  test('matmul inner dimensions', () => {
    const e = thrown(() => zeros(2, 3).matmul(zeros(4, 5)));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/matmul: cannot multiply \[2, 3\] by \[4, 5\]/);
    expect(thrown(() => new MLArray(3).matmul(zeros(3)))).toBeInstanceOf(ShapeError);
    expect(thrown(() => zeros(2, 2, 3).matmul(zeros(3, 3, 1)))).toBeInstanceOf(ShapeError);
  });

  test('ragged input reports the path', () => {
    const e = thrown(() => new MLArray([[1, 2], [3]] as never));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/data\[1\] has length 1, expected 2/);
    expect(thrown(() => new MLArray([[1, 2], [3, [4]]] as never)).message).toMatch(/data\[1\]\[1\]/);
    expect(thrown(() => new MLArray([[1], 2] as never)).message).toMatch(/data\[1\] is a number/);
  });

  test('non-numeric input reports the path', () => {
    const e = thrown(() => new MLArray([[1, 2], [3, 'x']] as never));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe('MLArray: data[1][1] is string, expected a number');
    expect(thrown(() => new MLArray([null] as never)).message).toMatch(/data\[0\] is null/);
    expect(thrown(() => new Value('1' as never))).toBeInstanceOf(TypeError);
  });

  test('axis out of range is a RangeError saying what was expected', () => {
    const e = thrown(() => zeros(2, 3).sum(2));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toMatch(/sum: axis 2 is out of range.*\[-2, 1\]/);
    expect(thrown(() => zeros(2, 3).max(-3))).toBeInstanceOf(RangeError);
    expect(thrown(() => zeros(2).mean(0.5))).toBeInstanceOf(RangeError);
  });

  test('reshape, transpose, get, item, from, backward', () => {
    expect(thrown(() => zeros(2, 3).reshape(4, 2)).message).toMatch(/cannot reshape \[2, 3\] \(6 elements\) into \[4, 2\]/);
    expect(thrown(() => zeros(2, 3).reshape(-1, -1))).toBeInstanceOf(ShapeError);
    expect(thrown(() => zeros(2, 3).reshape(-1, 4))).toBeInstanceOf(ShapeError);
    expect(thrown(() => zeros(2, 3).transpose([0, 0]))).toBeInstanceOf(ShapeError);
    expect(thrown(() => zeros(2, 3).get(2, 0))).toBeInstanceOf(RangeError);
    expect(thrown(() => zeros(2, 3).get(0))).toBeInstanceOf(RangeError);
    expect(thrown(() => zeros(2).item()).message).toMatch(/shape \[2\]/);
    expect(thrown(() => MLArray.from([1, 2, 3], [2, 2]))).toBeInstanceOf(ShapeError);
    expect(thrown(() => MLArray.from([1, 2], [-2]))).toBeInstanceOf(RangeError);
    expect(thrown(() => zeros(2).backward(zeros(3)))).toBeInstanceOf(ShapeError);
    expect(thrown(() => zeros(2).clip(NaN, 0))).toBeInstanceOf(RangeError);
    expect(thrown(() => zeros(2).clip(0, '1' as never))).toBeInstanceOf(TypeError);
    expect(thrown(() => zeros(1.5))).toBeInstanceOf(RangeError);
  });
});

describe('wrong operand types get a TypeError that names the op and what was passed', () => {
  test('MLArray ops', () => {
    const a = zeros(2);
    expect(thrown(() => a.add('1' as never)).message).toBe('add: expected an MLArray or a number, got a string');
    expect(thrown(() => a.mul([1, 2] as never)).message).toBe('mul: expected an MLArray or a number, got a plain array (wrap it: new MLArray(...))');
    expect(thrown(() => a.maximum(null as never))).toBeInstanceOf(TypeError);
    expect(thrown(() => a.sub(new Value(1) as never)).message).toBe('sub: expected an MLArray or a number, got a Value');
    expect(thrown(() => a.matmul(2 as never)).message).toBe('matmul: expected an MLArray, got a number');
    expect(thrown(() => new MLArray(new Float64Array(2) as never)).message).toMatch(/use MLArray\.from/);
    expect(thrown(() => full(2 as never, 1))).toBeInstanceOf(TypeError);
    expect(thrown(() => full([2], 'a' as never))).toBeInstanceOf(TypeError);
    expect(thrown(() => a.mean('0' as never)).message).toMatch(/axis "0" is out of range/);
  });

  test('Value ops', () => {
    const v = new Value(1);
    expect(thrown(() => v.add({} as never)).message).toBe('Value.add: expected a Value or a number, got an object');
    expect(thrown(() => v.mul('3' as never)).message).toBe('Value.mul: expected a Value or a number, got a string');
    expect(thrown(() => v.div(new MLArray([1]) as never)).message).toBe('Value.div: expected a Value or a number, got an MLArray');
    expect(thrown(() => new Value([1] as never)).message).toBe('Value: expected a number, got a plain array');
  });
});
