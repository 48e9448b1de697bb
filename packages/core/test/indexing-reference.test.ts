// Indexing, joining and mask ops against PyTorch / numpy, in float64 and float32.
// Fixture: test/fixtures/indexing-reference.json, written by scripts/reference/indexing.py
// (its docstring gives the format). Each case holds the inputs (with their dtypes), the
// op's arguments, the output, a fixed weight w of the output's shape and the gradient
// of sum(out * w) for every differentiable input.
//
// Every op here copies, picks or compares values, so outputs must match bit for bit
// (NaN, ±Infinity and -0 included: Object.is). Gradients are sums (duplicates,
// broadcasting) and are compared with the suite's tolerances: float64 1e-7 relative,
// float32 1e-5 relative (float32 sums here run in double and round once, PyTorch's run
// in float32).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type DType, type JsonNumber, type SliceSpec, MLArray, concat, decodeNumbers, oneHot, stack, where } from '../src';

interface Tensor {
  dtype: DType;
  shape: number[];
  data: JsonNumber[];
}
type Operand = Tensor | { number: number };
interface Args {
  specs?: SliceSpec[];
  indices?: Tensor;
  axis?: number | number[] | null;
  keepdims?: boolean;
  sizes?: number | number[];
  numClasses?: number;
  labels?: Tensor;
  startAxis?: number;
  endAxis?: number;
  shape?: number[];
  repeat?: number;
  same?: boolean;
}
interface Case {
  name: string;
  op: string;
  dtype: DType;
  inputs: Operand[];
  args: Args;
  out: Tensor | Tensor[];
  w: Tensor | Tensor[] | null;
  grads: (Tensor | null)[];
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'indexing-reference.json'), 'utf8')) as {
  generator: string;
  cases: Case[];
};
const cases = fixture.cases;

const GRAD_RTOL: Record<DType, number> = { float64: 1e-7, float32: 1e-5 };
const GRAD_ATOL: Record<DType, number> = { float64: 1e-12, float32: 1e-6 };

const isNumber = (o: Operand): o is { number: number } => 'number' in o;
const decode = (t: Tensor): Float64Array => decodeNumbers(t.data, 'float64') as Float64Array;
const build = (t: Tensor, requiresGrad = true): MLArray => MLArray.from(decode(t), t.shape, { dtype: t.dtype, requiresGrad });

function expectExact(name: string, what: string, actual: MLArray, expected: Tensor): void {
  expect({ name, what, shape: actual.shape }).toEqual({ name, what, shape: expected.shape });
  expect({ name, what, dtype: actual.dtype }).toEqual({ name, what, dtype: expected.dtype });
  const want = decode(expected);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(actual.data[i], want[i])) {
      throw new Error(`${name}: ${what}[${i}] is ${actual.data[i]}, expected ${want[i]} (exactly)`);
    }
  }
}

function expectClose(name: string, what: string, actual: ArrayLike<number>, expected: Tensor, dtype: DType): void {
  const want = decode(expected);
  expect({ name, what, length: actual.length }).toEqual({ name, what, length: want.length });
  const rtol = GRAD_RTOL[dtype], atol = GRAD_ATOL[dtype];
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(actual[i] - want[i]);
    if (!(err <= rtol * Math.abs(want[i]) + atol)) {
      throw new Error(`${name}: ${what}[${i}] is ${actual[i]}, expected ${want[i]} (|diff| ${err}, rtol ${rtol})`);
    }
  }
}

function run(c: Case, xs: (MLArray | number)[]): MLArray | MLArray[] {
  const a = xs[0] as MLArray;
  const { args } = c;
  const idx = (): MLArray => build(args.indices as Tensor, false);
  switch (c.op) {
    case 'slice': return a.slice(...(args.specs as SliceSpec[]));
    case 'take': return a.take(idx(), args.axis as number);
    case 'takeAlongAxis': return a.takeAlongAxis(idx(), args.axis as number);
    case 'concat': return concat(args.repeat ? Array(args.repeat).fill(a) : (xs as MLArray[]), args.axis as number);
    case 'stack': return stack(xs as MLArray[], args.axis as number);
    case 'split': return a.split(args.sizes as number | number[], args.axis as number);
    case 'where': return args.same ? where(a, xs[1], xs[1]) : where(a, xs[1], xs[2]);
    case 'eq': return a.eq(xs[1]);
    case 'ne': return a.ne(xs[1]);
    case 'gt': return a.gt(xs[1]);
    case 'ge': return a.ge(xs[1]);
    case 'lt': return a.lt(xs[1]);
    case 'le': return a.le(xs[1]);
    case 'argmin': return a.argmin(args.axis as number | null, args.keepdims);
    case 'argmax': return a.argmax(args.axis as number | null, args.keepdims);
    case 'oneHot': return oneHot(build(args.labels as Tensor, false), args.numClasses as number, { dtype: c.dtype });
    case 'squeeze': return args.axis === null ? a.squeeze() : a.squeeze(args.axis as number | number[]);
    case 'unsqueeze': return a.unsqueeze(args.axis as number);
    case 'flatten': return a.flatten(args.startAxis, args.endAxis);
    case 'broadcastTo': return a.broadcastTo(args.shape as number[]);
    default: throw new Error(`${c.name}: unknown op ${c.op}`);
  }
}

const NO_GRAD = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'argmin', 'argmax', 'oneHot']);

describe('fixture', () => {
  it('was generated by PyTorch, covers every op in both dtypes, and has unique names', () => {
    expect(fixture.generator).toMatch(/torch/);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    const ops = ['slice', 'take', 'takeAlongAxis', 'concat', 'stack', 'split', 'where', 'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'argmin', 'argmax', 'oneHot', 'squeeze', 'unsqueeze', 'flatten', 'broadcastTo'];
    for (const op of ops) {
      for (const dtype of ['float64', 'float32']) {
        expect({ op, dtype, n: cases.filter((c) => c.op === op && c.dtype === dtype).length }).not.toEqual({ op, dtype, n: 0 });
      }
    }
    expect(cases.length).toBeGreaterThan(250);
  });
});

describe('indexing ops match PyTorch / numpy', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const xs = c.inputs.map((o) => (isNumber(o) ? o.number : build(o)));
    const result = run(c, xs);
    const outs = Array.isArray(result) ? result : [result];
    const wantOuts = Array.isArray(c.out) ? c.out : [c.out];
    expect(outs.length).toBe(wantOuts.length);
    outs.forEach((o, i) => expectExact(c.name, `output ${i}`, o, wantOuts[i]));

    if (NO_GRAD.has(c.op)) {
      // Data, not a function of the inputs: nothing recorded, nothing to differentiate.
      for (const o of outs) {
        expect(o.requiresGrad).toBe(false);
        expect(o.prev).toHaveLength(0);
      }
      return;
    }
    const ws = (Array.isArray(c.w) ? c.w : [c.w as Tensor]).map((t) => build(t, false));
    let total: MLArray | null = null;
    outs.forEach((o, i) => {
      const term = o.mul(ws[i]).sum();
      total = total === null ? term : total.add(term);
    });
    (total as unknown as MLArray).backward();
    xs.forEach((x, i) => {
      const g = c.grads[i];
      if (typeof x === 'number') return;
      if (c.op === 'where' && i === 0) {
        // The condition never receives a gradient, even when it requires one.
        expect(x.grad).toBeNull();
        return;
      }
      if (g === null) throw new Error(`${c.name}: the fixture has no gradient for input ${i}`);
      const got = x.grad;
      if (got === null) throw new Error(`${c.name}: grad of input ${i} is null`);
      expect(got.dtype).toBe(g.dtype);
      expect(got.shape).toEqual(g.shape);
      expectClose(c.name, `grad of input ${i}`, got.data, g, g.dtype);
    });
  });
});
