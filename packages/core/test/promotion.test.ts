import { MLArray, concat, where, zeros } from '../src';

// PyTorch's result_type among the float dtypes, as the core README's table states:
// dimensioned operands decide (float64 wins among them); 0-d arrays count only when no
// operand has a dimension; a JS number takes the arrays' dtype, rounded to it first.
const f32 = (shape: number[]): MLArray => zeros(shape, { dtype: 'float32' }).add(1.5);
const f64 = (shape: number[]): MLArray => zeros(shape, { dtype: 'float64' }).add(1.5);

describe('promotion table', () => {
  test.each([
    ['f32[3] + f32[3]', () => f32([3]).add(f32([3])), 'float32'],
    ['f32[3] + f64[3]', () => f32([3]).add(f64([3])), 'float64'],
    ['f64[3] + f32[3]', () => f64([3]).add(f32([3])), 'float64'],
    ['f32[3] * f64 0-d', () => f32([3]).mul(f64([])), 'float32'],
    ['f64 0-d * f32[3]', () => f64([]).mul(f32([3])), 'float32'],
    ['f64 0-d * f32 0-d', () => f64([]).mul(f32([])), 'float64'],
    ['f32 0-d * f32 0-d', () => f32([]).mul(f32([])), 'float32'],
    ['f32[3] + number', () => f32([3]).add(2.5), 'float32'],
    ['f32[2,3] matmul f64[3,2]', () => f32([2, 3]).matmul(f64([3, 2])), 'float64'],
    ['f32[2,3] matmul f32[3]', () => f32([2, 3]).matmul(f32([3])), 'float32'],
    ['maximum f32[3] vs f64 0-d', () => f32([3]).maximum(f64([])), 'float32'],
    ['pow f32[3] ** f64[3]', () => f32([3]).pow(f64([3])), 'float64'],
    ['concat f32 with f64', () => concat([f32([2]), f64([2])]), 'float64'],
    ['where picks f32 and f64 branches', () => where(f64([3]).gt(0), f32([3]), f64([3])), 'float64'],
  ] as const)('%s is %s', (_name, make, dtype) => {
    const out = make();
    expect(out.dtype).toBe(dtype);
    expect(out.data).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
  });

  test('a number operand is rounded to float32 first, as torch does', () => {
    const x = MLArray.from(new Float32Array([0]), [1]);
    // 0.1 rounded to float32 is 0.100000001490116…; added to 0 in float32 it is that value.
    expect(x.add(0.1).data[0]).toBe(Math.fround(0.1));
    expect(MLArray.from(new Float32Array([1]), [1]).mul(0.1).data[0]).toBe(Math.fround(Math.fround(0.1) * 1));
  });

  test('gradients come back in each operand’s own dtype', () => {
    const a = f32([3]).detach(), b = f64([3]).detach();
    a.requiresGrad = true;
    b.requiresGrad = true;
    a.mul(b).sum().backward();
    expect(a.grad!.dtype).toBe('float32');
    expect(b.grad!.dtype).toBe('float64');
    expect(Array.from(a.grad!.data)).toEqual([1.5, 1.5, 1.5]);
  });
});
