// Property fuzz: random bad values (wrong types, NaN, negative, fractional, huge,
// forged brands, a self-containing array) at every public function. Only SmolML's typed
// errors naming the function, or correct results, may come out, and no argument may
// change. Fixed seed; sizes stay small, so it is quick.
import fc from 'fast-check';
import { MLArray, ShapeError, Value } from '@smolml/core';
import * as pkg from '../src';
import { activationNames, getActivation } from '../src';
import { FUZZ_SEED, type Makers, anything, arrays, badNumbers, junk, options, snapshot, typedOutcome } from '../../../test-support/fuzz';

const make: Makers<MLArray, Value> = {
  array: (data, shape, dtype, requiresGrad) => MLArray.from(data, shape, { dtype, requiresGrad }),
  value: (x) => new Value(x),
};
const RUNS = { seed: FUZZ_SEED, numRuns: 150 };
const anyArg = anything(make);
const param = fc.oneof(junk, badNumbers, fc.double({ min: -3, max: 3, noNaN: true }), fc.constant(undefined));

type Fn = (...args: unknown[]) => unknown;
const fns = pkg as unknown as Record<string, Fn>;
// Which extra arguments each function takes, so the fuzz also reaches its valid calls.
const EXTRA: Record<string, fc.Arbitrary<unknown[]>> = {
  leakyRelu: fc.tuple(param), elu: fc.tuple(param),
  softmax: fc.tuple(fc.oneof(param, fc.integer({ min: -4, max: 3 }))),
  logSoftmax: fc.tuple(fc.oneof(param, fc.integer({ min: -4, max: 3 }))),
  gelu: fc.tuple(fc.oneof(junk, fc.constantFrom('none', 'tanh', undefined))),
  softplus: fc.tuple(param, param),
};

/** A correct result of `name` applied to a genuine input: its type, shape and dtype, and values where they are pinned. */
function checkResult(name: string, x: unknown, y: unknown): void {
  if (x instanceof Value) {
    expect(y).toBeInstanceOf(Value);
    (y as Value).backward();
    return;
  }
  expect(x).toBeInstanceOf(MLArray);
  expect(y).toBeInstanceOf(MLArray);
  const a = x as MLArray, b = y as MLArray;
  expect(b.shape).toEqual(a.shape);
  expect(b.dtype).toBe(a.dtype);
  if (name === 'linear') expect(b).toBe(a);
  if (name === 'relu' || name === 'relu6' || name === 'hardSigmoid' || name === 'sigmoid') {
    for (const v of b.data) if (!Number.isNaN(v)) expect(v >= 0).toBe(true);
  }
  if (b.requiresGrad) b.sum().backward();
}

describe.each(activationNames.map((n) => [n]))('%s', (name) => {
  it('gives a typed error or a correct result for anything, and changes no argument', () => {
    const f = fns[name];
    let results = 0;
    fc.assert(fc.property(anyArg, EXTRA[name] ?? fc.constant([]), (x, extra) => {
      const before = snapshot([x, ...extra]);
      const y = typedOutcome([name], ShapeError, () => f(x, ...extra));
      if (y !== undefined) { results++; checkResult(name, x, y); }
      expect(snapshot([x, ...extra])).toEqual(before);
    }), RUNS);
    // the fuzz reaches both sides: valid calls and rejected ones
    expect(results).toBeGreaterThan(5);
    expect(results).toBeLessThan(RUNS.numRuns - 20);
  });
});

describe('getActivation', () => {
  const keys = ['alpha', 'axis', 'approximate', 'beta', 'threshold'];
  it('gives a typed error or a working activation for any name and options, and changes no argument', () => {
    const name = fc.oneof(fc.constantFrom(...activationNames, 'leaky_relu', 'LOG-SOFTMAX', 'rectifier'), junk);
    fc.assert(fc.property(name, options(make, keys), arrays(make), (n, o, x) => {
      const before = snapshot([n, o, x]);
      const act = typedOutcome(['getActivation', ...activationNames], ShapeError, () => getActivation(n as string, o as object));
      if (act !== undefined) {
        expect(typeof act).toBe('function');
        const canonical = activationNames.find((a) => a.toLowerCase() === (n as string).toLowerCase().replace(/[_\- ]/g, ''));
        const y = typedOutcome([canonical as string], ShapeError, () => act(x));
        if (y !== undefined) checkResult(canonical as string, x, y);
      }
      expect(snapshot([n, o, x])).toEqual(before);
    }), RUNS);
  });
});
