// Random bad values thrown at every public export: only SmolML's typed errors (TypeError,
// RangeError, ShapeError, whose message names the function) or a correct result may come
// out, and nothing an input holds changes except what the call changes by contract
// (step: parameter values; zeroGrad and clipping: gradients; schedules: the optimizer's
// learning rate). When a call throws, nothing changes at all. Sizes are bounded, the
// seed is fixed, and a hang would be caught by jest's timeout.
import fc from 'fast-check';
import { MLArray, ShapeError } from '@smolml/core';
import * as opt from '../src';
import { type Optimizer, type OptimizerStateDict } from '../src';

const ARRAY_BRAND = Symbol.for('smolml.MLArray');
const OPTIMIZER_BRAND = Symbol.for('smolml.Optimizer');
const SCHEDULER_BRAND = Symbol.for('smolml.LRScheduler');
const GENERIC = /Cannot read propert|is not a function|is not iterable|Cannot convert|is not a constructor|undefined is not|null is not|Maximum call stack|Invalid typed array length|Invalid array length|Cannot assign to read only|Cannot use 'in' operator|object is not extensible/;

// ---------------------------------------------------------------- values

/** A small real array: float64 or float32, with or without a gradient, sometimes not a leaf. */
const realArray = fc
  .record({
    values: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }),
    dtype: fc.constantFrom('float64' as const, 'float32' as const),
    withGrad: fc.boolean(),
    nonLeaf: fc.boolean(),
    requiresGrad: fc.boolean(),
  })
  .map(({ values, dtype, withGrad, nonLeaf, requiresGrad }) => {
    const a = MLArray.from(values, [values.length], { dtype, requiresGrad: requiresGrad || withGrad || nonLeaf });
    const p = nonLeaf ? a.mul(2) : a;
    if (withGrad && p.requiresGrad) p.mul(p).sum().backward();
    return p;
  });

/** Objects carrying core's array brand with bogus storage. */
const forgedArray = fc.oneof(
  fc.constant({ [ARRAY_BRAND]: true, data: [1, 2], shape: [2], size: 2, requiresGrad: true, _prev: [] }),
  fc.constant({ [ARRAY_BRAND]: true, data: new Float64Array(1), shape: [4], size: 4, requiresGrad: true, _prev: [] }),
  fc.constant({ [ARRAY_BRAND]: true, data: new Float64Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [], gradData: new Float32Array(2), prev: [] }),
  fc.constant({ [ARRAY_BRAND]: true, data: new Float64Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [], gradData: new Float64Array(1), prev: [] }),
  fc.constant({ [ARRAY_BRAND]: true, data: new Float64Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [], gradData: new Float64Array(2) }),
  fc.constant({ [ARRAY_BRAND]: true, data: new Float32Array(2), shape: ['2'], size: 2, requiresGrad: true, _prev: [] }),
  fc.constant({ [ARRAY_BRAND]: true, data: 'ab', shape: [2], size: 2, requiresGrad: true, _prev: [] }),
);

/** The values every argument position is tried with, in the sweep and (often) in the fuzz. */
const SPECIAL: unknown[] = [
  undefined, null, NaN, -1, 0, 1.5, Infinity, -Infinity, 2 ** 53, -0, 1e300, '', 'a', 'float32', true, false,
  [], [1, 'a'], [NaN], {}, () => 1, Symbol('s'), 10n, new Float64Array(3), Object.create(null),
];

const junk = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.integer({ min: -3, max: 30 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2, maxKeys: 3 }) },
);

const forgedOptimizer = fc.oneof(
  fc.constant({ [OPTIMIZER_BRAND]: true }),
  fc.constant({ [OPTIMIZER_BRAND]: true, learningRate: 'fast', name: 'Adam', step: () => undefined }),
  fc.constant({ [OPTIMIZER_BRAND]: true, learningRate: NaN, name: 'Adam', step: () => undefined }),
  fc.constant({ [OPTIMIZER_BRAND]: true, learningRate: 0.1, name: 7, step: 3 }),
);
const forgedScheduler = fc.oneof(
  fc.constant({ [SCHEDULER_BRAND]: true }),
  fc.constant({ [SCHEDULER_BRAND]: true, name: 'StepLR', learningRateAt: () => 1, optimizer: {}, baseLearningRate: 0.1, lastStep: 0 }),
  fc.constant({ [SCHEDULER_BRAND]: true, name: 'StepLR', learningRateAt: () => 1, optimizer: new opt.SGD(), baseLearningRate: -1, lastStep: 0.5 }),
);

/** Anything an argument can be, good or bad. */
const value: fc.Arbitrary<unknown> = fc.oneof(junk, realArray, forgedArray, forgedOptimizer, forgedScheduler);

/** A params argument: a list (sometimes a Set or a generator) of arrays and junk. */
const params = fc.oneof(
  fc.array(fc.oneof({ weight: 3, arbitrary: realArray }, { weight: 1, arbitrary: value }), { maxLength: 4 }),
  fc.array(realArray, { maxLength: 3 }).map((a) => new Set(a)),
  fc.array(realArray, { maxLength: 3 }).map((a) => (function* () { yield* a; })()),
  fc.constantFrom<unknown>({ [Symbol.iterator]: 5 }, { [Symbol.iterator]: () => 5 }, { [Symbol.iterator]: () => ({ next: () => 5 }) }, 'ab'),
  value,
);

// ---------------------------------------------------------------- the optimizers and schedules

type OptimizerClass = new (o?: object) => Optimizer;
const OPTIMIZERS: [string, OptimizerClass, string[]][] = [
  ['SGD', opt.SGD as OptimizerClass, ['learningRate', 'weightDecay']],
  ['SGDMomentum', opt.SGDMomentum as OptimizerClass, ['learningRate', 'momentumCoefficient', 'nesterov', 'weightDecay']],
  ['AdaGrad', opt.AdaGrad as OptimizerClass, ['learningRate', 'epsilon', 'initialAccumulatorValue', 'weightDecay']],
  ['Adam', opt.Adam as OptimizerClass, ['learningRate', 'expDecayGradients', 'expDecaySquared', 'epsilon', 'weightDecay']],
  ['AdamW', opt.AdamW as OptimizerClass, ['learningRate', 'expDecayGradients', 'expDecaySquared', 'epsilon', 'weightDecay']],
  ['RMSProp', opt.RMSProp as OptimizerClass, ['learningRate', 'expDecaySquared', 'epsilon', 'momentum', 'centered', 'weightDecay']],
];

/** Options objects: known keys with any values (often good ones), sometimes an unknown key, sometimes not an object. */
function options(keys: string[]): fc.Arbitrary<unknown> {
  const good = fc.oneof(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.boolean(), fc.constant(undefined));
  const entry = fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });
  const known = fc.dictionary(fc.constantFrom(...keys), entry, { maxKeys: 3 });
  return fc.oneof(
    { weight: 4, arbitrary: known },
    { weight: 1, arbitrary: fc.tuple(known, fc.string({ minLength: 1, maxLength: 4 }), junk).map(([o, k, v]) => ({ ...o, [k]: v })) },
    { weight: 2, arbitrary: junk },
  );
}

/** A trained optimizer of `cls` and its parameters. */
function trained(cls: OptimizerClass): { o: Optimizer; ps: MLArray[] } {
  const o = new cls();
  const ps = [MLArray.from([1, -2, 3], [3]), MLArray.from(new Float32Array([0.5, 2]), [2])];
  for (const p of ps) p.mul(p).sum().backward();
  o.step(ps);
  return { o, ps };
}

/** A state dict with one random place replaced by a random value. */
function corrupt(dict: OptimizerStateDict): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [[], ['optimizer'], ['options'], ['state'], ['state', 0], ['state', 0, 'name'], ['state', 0, 'shape'], ['state', 0, 'shape', 0], ['state', 0, 'dtype'], ['state', 0, 'step'], ['state', 0, 'buffers'], ['state', 1, 'buffers']];
  for (const k of Object.keys(dict.options)) paths.push(['options', k]);
  for (const k of Object.keys(dict.state[0].buffers)) paths.push(['state', 0, 'buffers', k], ['state', 0, 'buffers', k, 0]);
  return fc.tuple(fc.constantFrom(...paths), value).map(([path, v]) => {
    if (path.length === 0) return v;
    const copy = JSON.parse(JSON.stringify(dict)) as Record<string | number, unknown>;
    let at: Record<string | number, unknown> = copy;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    at[path[path.length - 1]] = v;
    return copy;
  });
}

// ---------------------------------------------------------------- checks

/** A canonical picture of everything reachable from `x` (typed arrays and array storage by content). */
function snap(x: unknown, seen = new Map<unknown, number>(), depth = 0): unknown {
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x;
  if (typeof x !== 'object' || x === null) return typeof x === 'symbol' || typeof x === 'function' || typeof x === 'bigint' ? String(x) : x;
  if (seen.has(x)) return `#${seen.get(x)}`;
  seen.set(x, seen.size);
  if (depth > 6) return '…';
  if (ArrayBuffer.isView(x)) return [x.constructor.name, ...Array.from(x as unknown as ArrayLike<number>, (v) => snap(v))];
  if (x instanceof MLArray && x.constructor === MLArray) return { array: snap(x.data, seen), grad: snap(x.gradData, seen), shape: [...x.shape] };
  if (x instanceof Set) return ['Set', ...[...x].map((v) => snap(v, seen, depth + 1))];
  const out: Record<string, unknown> = {};
  for (const k of Reflect.ownKeys(x)) {
    const d = Object.getOwnPropertyDescriptor(x, k) as PropertyDescriptor;
    out[String(k)] = 'value' in d ? snap(d.value, seen, depth + 1) : 'getter';
  }
  return out;
}

/** Data (or, with `grads`, gradient) contents of every real array in `x`, to check what a call may change. */
function storage(x: unknown, which: 'data' | 'grad'): unknown[] {
  const list = x instanceof Set ? [...x] : Array.isArray(x) ? x : [x];
  return list.filter((a): a is MLArray => a instanceof MLArray && a.constructor === MLArray).map((a) => snap(which === 'data' ? a.data : a.gradData));
}

/**
 * Runs `call`; a throw must be a typed SmolML error naming `name` (and leave `watched`
 * unchanged); otherwise `check` judges the result. Returns whether it threw.
 */
function expectTypedOrResult(name: string, watched: unknown[], call: () => unknown, check: (result: unknown) => void = () => undefined): boolean {
  const before = snap(watched);
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    const err = e as Error;
    const typed = e instanceof TypeError || e instanceof RangeError || e instanceof ShapeError;
    if (!typed || !err.message.includes(name) || GENERIC.test(err.message)) {
      throw new Error(`${name}: threw ${err?.constructor?.name}: ${err?.message}`);
    }
    expect(snap(watched)).toEqual(before);
    return true;
  }
  check(result);
  return false;
}

const RUNS = { seed: 20260611, numRuns: 150 };

// ---------------------------------------------------------------- properties

describe.each(OPTIMIZERS)('fuzz %s', (name, cls, keys) => {
  test('constructor: a typed error or an optimizer holding the given options; the options object unchanged', () => {
    fc.assert(
      fc.property(options(keys), (o) => {
        expectTypedOrResult(name, [o], () => new cls(o as object), (made) => {
          const m = made as Record<string, unknown>;
          expect(m.name).toBe(name);
          for (const k of keys) {
            const given = (o as Record<string, unknown>)[k];
            if (given !== undefined) expect(m[k]).toBe(given);
          }
          expect(Number.isFinite(m.learningRate)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  test('step / update / zeroGrad with random params: typed errors, or updates by contract only', () => {
    fc.assert(
      fc.property(params, junk, fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), junk), { maxLength: 3 }), (ps, idx, names) => {
        const { o } = trained(cls);
        const state = JSON.stringify(o.stateDict());
        // step: on success the gradients are unchanged (only values move), on a throw nothing changes.
        const grads = storage(ps, 'grad');
        const threw = expectTypedOrResult(`${name}.step`, [ps], () => o.step(ps as never), (r) => expect(r).toBeUndefined());
        if (threw) expect(JSON.stringify(o.stateDict())).toBe(state);
        else expect(storage(ps, 'grad')).toEqual(grads);
        // zeroGrad: on success every gradient is zero and no value changed.
        const data = storage(ps, 'data');
        if (!expectTypedOrResult(`${name}.zeroGrad`, [ps], () => o.zeroGrad(ps as never))) {
          expect(storage(ps, 'data')).toEqual(data);
          for (const g of storage(ps, 'grad')) if (Array.isArray(g)) expect(g.slice(1).every((v) => v === 0)).toBe(true);
        }
        // update: obj holds the params under 'a', 'b', 'c'.
        const list = Array.isArray(ps) ? ps : [];
        const obj: Record<string, unknown> = { a: list[0], b: list[1], c: list[2] };
        expectTypedOrResult(`${name}.update`, [obj, names], () => o.update(obj, idx as never, names as never), (r) => {
          expect(Array.isArray(r)).toBe(true);
          (r as unknown[]).forEach((a, i) => expect(a).toBe(obj[names[i] as string]));
        });
        expectTypedOrResult(`${name}.update`, [ps], () => o.update(ps as never, 0, ['a']));
      }),
      RUNS,
    );
  });

  test('loadStateDict with a corrupted dict: a typed error that changes nothing, or a state that round-trips', () => {
    const { o: src, ps } = trained(cls);
    const dict = JSON.parse(JSON.stringify(src.stateDict())) as OptimizerStateDict;
    fc.assert(
      fc.property(corrupt(dict), fc.oneof(fc.constant(undefined), fc.constant(ps), params), (d, bind) => {
        const o = new cls();
        const before = JSON.stringify(o.stateDict());
        const threw = expectTypedOrResult(`${name}`, [d, bind], () => o.loadStateDict(d as never, bind as never), () => {
          // Loaded: the dict reads back (bound entries take their parameter's dtype).
          const again = o.stateDict();
          expect(again.optimizer).toBe(name);
          expect(again.state.length).toBe((d as OptimizerStateDict).state.length);
          expect(JSON.parse(JSON.stringify(again))).toEqual(again);
        });
        if (threw) expect(JSON.stringify(o.stateDict())).toBe(before);
      }),
      RUNS,
    );
  });

  test('a hyperparameter set to a bad value after construction is caught by every method that uses it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), junk, (key, v) => {
        const { o, ps } = trained(cls);
        (o as unknown as Record<string, unknown>)[key] = v;
        const values = storage(ps, 'data');
        const threw = expectTypedOrResult(name, [ps], () => o.step(ps));
        if (threw) {
          expect(storage(ps, 'data')).toEqual(values);
          expect(() => o.stateDict()).toThrow(name);
        }
      }),
      RUNS,
    );
  });

  test('methods called on something that is not an optimizer (a detached method) are TypeErrors', () => {
    const { o, ps } = trained(cls);
    fc.assert(
      fc.property(fc.oneof(junk, forgedOptimizer), (self) => {
        const methods = ['step', 'update', 'zeroGrad', 'stateDict', 'loadStateDict'] as const;
        for (const m of methods) {
          const f = (o as unknown as Record<string, (...a: unknown[]) => unknown>)[m];
          expect(() => f.call(self, ps, 0, ['a'])).toThrow(TypeError);
          expect(() => f.call(self, ps, 0, ['a'])).toThrow(`Optimizer.${m}: called on`);
        }
        expect(() => [...o.stateArrays.call(self as never)]).toThrow('Optimizer.stateArrays: called on');
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});

const SCHEDULES: [string, (o: unknown, options: unknown) => opt.LRScheduler, string[]][] = [
  ['StepLR', (o, x) => new opt.StepLR(o as never, x as never), ['stepSize', 'gamma']],
  ['ExponentialLR', (o, x) => new opt.ExponentialLR(o as never, x as never), ['gamma']],
  ['CosineAnnealingLR', (o, x) => new opt.CosineAnnealingLR(o as never, x as never), ['tMax', 'minLearningRate']],
  ['LinearWarmup', (o, x) => new opt.LinearWarmup(o as never, x as never), ['warmupSteps', 'startFactor']],
];

describe.each(SCHEDULES)('fuzz %s', (name, make, keys) => {
  const good = (): opt.LRScheduler => {
    const o = new opt.SGD({ learningRate: 0.1 });
    if (name === 'LinearWarmup') return make(new opt.StepLR(o, { stepSize: 2 }), { warmupSteps: 3 });
    const all: Record<string, number> = { stepSize: 2, gamma: 0.5, tMax: 4 };
    return make(o, Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]])));
  };
  const target = fc.oneof(
    fc.constant(undefined).map(() => new opt.Adam({ learningRate: 0.1 }) as unknown),
    fc.constant(undefined).map(() => new opt.StepLR(new opt.SGD(), { stepSize: 1 }) as unknown),
    value,
  );
  const optionValues = fc.oneof(
    fc.record({ stepSize: fc.integer({ min: 1, max: 5 }), gamma: fc.double({ min: 0.1, max: 1, noNaN: true }), tMax: fc.integer({ min: 1, max: 5 }), warmupSteps: fc.integer({ min: 1, max: 5 }) }).map((r) => Object.fromEntries(keys.map((k) => [k, (r as Record<string, number>)[k] ?? 0.5]))),
    options(keys),
  );

  test('constructor: a typed error, or a schedule that set a valid rate', () => {
    fc.assert(
      fc.property(target, optionValues, (t, o) => {
        expectTypedOrResult(name, [o], () => make(t, o), (s) => {
          const lr = (s as opt.LRScheduler).optimizer.learningRate;
          expect(Number.isFinite(lr) && lr >= 0).toBe(true);
        });
      }),
      RUNS,
    );
  });

  test('learningRateAt, step and loadStateDict with random arguments', () => {
    fc.assert(
      fc.property(value, value, (x, y) => {
        const s = good();
        expectTypedOrResult(`${name}.learningRateAt`, [], () => s.learningRateAt(x as never), (r) => expect(Number.isFinite(r as number) && (r as number) >= 0).toBe(true));
        const lr = s.optimizer.learningRate;
        const state = JSON.stringify(s.stateDict());
        const dict = typeof y === 'object' && y !== null ? y : { scheduler: name, baseLearningRate: y, lastStep: x };
        const threw = expectTypedOrResult(`${name}.loadStateDict`, [dict], () => s.loadStateDict(dict as never));
        if (threw) {
          expect(JSON.stringify(s.stateDict())).toBe(state);
          expect(s.optimizer.learningRate).toBe(lr);
        }
        // A field set to nonsense: step refuses to write a bad rate.
        (s as unknown as Record<string, unknown>).baseLearningRate = y;
        const before = s.optimizer.learningRate;
        if (expectTypedOrResult(`${name}`, [], () => s.step())) expect(s.optimizer.learningRate).toBe(before);
        else expect(Number.isFinite(s.optimizer.learningRate) && s.optimizer.learningRate >= 0).toBe(true);
        expect(() => s.step.call(x)).toThrow('LRScheduler.step: called on');
      }),
      RUNS,
    );
  });
});

describe.each([
  ['clipGradNorm', (ps: unknown, m: unknown) => opt.clipGradNorm(ps as never, m as never)],
  ['clipGradValue', (ps: unknown, m: unknown) => opt.clipGradValue(ps as never, m as never)],
] as const)('fuzz %s', (name, clip) => {
  test('a typed error that changes nothing, or gradients clipped and values untouched', () => {
    fc.assert(
      fc.property(params, fc.oneof(fc.double({ min: 0.01, max: 5, noNaN: true }), junk), (ps, m) => {
        const data = storage(ps, 'data');
        expectTypedOrResult(name, [ps], () => clip(ps, m), (r) => {
          expect(storage(ps, 'data')).toEqual(data);
          if (name === 'clipGradNorm') expect(Number.isFinite(r as number) && (r as number) >= 0).toBe(true);
          const limit = (m as number) * (1 + 1e-6);
          for (const g of storage(ps, 'grad')) {
            if (!Array.isArray(g)) continue;
            const v = g.slice(1) as number[];
            if (name === 'clipGradValue') expect(v.every((x) => Math.abs(x) <= limit)).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });
});

test('instanceof Optimizer / LRScheduler answers for anything, without throwing', () => {
  fc.assert(
    fc.property(value, (x) => {
      expect(typeof (x instanceof opt.Optimizer)).toBe('boolean');
      expect(typeof (x instanceof opt.LRScheduler)).toBe('boolean');
      expect(x instanceof opt.Adam).toBe(false);
    }),
    RUNS,
  );
});

test('an endless params iterable is a RangeError at the documented cap, not a hang', () => {
  function* endless(): Generator<MLArray> {
    const a = MLArray.from([1], [1]);
    for (;;) yield a;
  }
  expect(() => new opt.SGD().step(endless())).toThrow(RangeError);
  expect(() => new opt.SGD().step(endless())).toThrow('SGD.step: at most 1000000 parameters per call');
  expect(() => opt.clipGradNorm(endless(), 1)).toThrow('clipGradNorm: at most 1000000 parameters per call');
});

// ---------------------------------------------------------------- the sweep
// Every argument position of every export, with every special value and forged object:
// deterministic, so no class of value is left to chance.
const FORGED: unknown[] = [
  { [ARRAY_BRAND]: true, data: [1, 2], shape: [2], size: 2, requiresGrad: true, _prev: [] },
  { [ARRAY_BRAND]: true, data: new Float64Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [], gradData: new Float32Array(2), prev: [] },
  { [ARRAY_BRAND]: true, data: new Float64Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [], gradData: null },
  { [OPTIMIZER_BRAND]: true, learningRate: 'fast', name: 'Adam', step: () => undefined },
  { [SCHEDULER_BRAND]: true, name: 'StepLR', learningRateAt: () => 1, optimizer: {}, baseLearningRate: 0.1, lastStep: 0 },
];
const nonLeaf = (): MLArray => MLArray.from([1, 2], [2]).mul(2);

type Sweep = [name: string, call: (x: unknown) => unknown];
const sweeps: Sweep[] = [];
for (const [name, cls] of OPTIMIZERS) {
  const fresh = (): { o: Optimizer; ps: MLArray[] } => trained(cls);
  sweeps.push(
    [name, (x) => new cls(x as object)],
    [name, (x) => new cls({ learningRate: x } as object)],
    [`${name}.step`, (x) => fresh().o.step(x as never)],
    [`${name}.step`, (x) => { const { o, ps } = fresh(); o.step([...ps, x] as never); }],
    [`${name}.update`, (x) => fresh().o.update(x as never, 0, ['weights'])],
    [`${name}.update`, (x) => { const { o, ps } = fresh(); o.update({ weights: ps[0] }, x as never, ['weights']); }],
    [`${name}.update`, (x) => { const { o, ps } = fresh(); o.update({ weights: ps[0] }, 0, x as never); }],
    [`${name}.update`, (x) => fresh().o.update({ weights: x }, 0, ['weights'])],
    [`${name}.zeroGrad`, (x) => fresh().o.zeroGrad(x as never)],
    [`${name}.zeroGrad`, (x) => fresh().o.zeroGrad([x] as never)],
    [name, (x) => fresh().o.loadStateDict(x as never)],
    [name, (x) => { const { o, ps } = fresh(); o.loadStateDict(o.stateDict(), x as never); void ps; }],
    [name, (x) => { const { o, ps } = fresh(); o.loadStateDict(o.stateDict(), [x, ps[1]] as never); }],
  );
  for (const key of Object.keys(fresh().o.stateDict().options)) {
    sweeps.push([name, (x) => { const { o, ps } = fresh(); (o as unknown as Record<string, unknown>)[key] = x; o.step(ps); }]);
    sweeps.push([name, (x) => { const { o } = fresh(); const d = o.stateDict(); o.loadStateDict({ ...d, options: { ...d.options, [key]: x } } as never); }]);
  }
}
for (const [name, make] of SCHEDULES) {
  const base = (): opt.LRScheduler => (name === 'LinearWarmup' ? make(new opt.SGD(), { warmupSteps: 2 }) : make(new opt.SGD(), name === 'StepLR' ? { stepSize: 2 } : name === 'ExponentialLR' ? { gamma: 0.5 } : { tMax: 3 }));
  sweeps.push(
    [name, (x) => make(x, { stepSize: 1, gamma: 0.5, tMax: 1, warmupSteps: 1 })],
    [name, (x) => make(new opt.SGD(), x)],
    [`${name}.learningRateAt`, (x) => base().learningRateAt(x as never)],
    [`${name}.loadStateDict`, (x) => base().loadStateDict(x as never)],
    [`${name}.loadStateDict`, (x) => base().loadStateDict({ scheduler: name, baseLearningRate: x, lastStep: 1 } as never)],
    [`${name}.loadStateDict`, (x) => base().loadStateDict({ scheduler: name, baseLearningRate: 0.1, lastStep: x } as never)],
    [name, (x) => { const s = base(); s.lastStep = x as number; s.step(); }],
  );
}
sweeps.push(
  ['clipGradNorm', (x) => opt.clipGradNorm(x as never, 1)],
  ['clipGradNorm', (x) => opt.clipGradNorm([x] as never, 1)],
  ['clipGradNorm', (x) => opt.clipGradNorm(trained(opt.SGD as OptimizerClass).ps, x as never)],
  ['clipGradValue', (x) => opt.clipGradValue(x as never, 1)],
  ['clipGradValue', (x) => opt.clipGradValue([x] as never, 1)],
  ['clipGradValue', (x) => opt.clipGradValue(trained(opt.SGD as OptimizerClass).ps, x as never)],
);

test.each(sweeps.map(([name, call], i) => [i, name, call] as const))('sweep %i: %s meets every special value with a typed error or a result', (_i, name, call) => {
  for (const x of [...SPECIAL, ...FORGED, nonLeaf()]) {
    expectTypedOrResult(name, [x], () => call(x));
  }
});
