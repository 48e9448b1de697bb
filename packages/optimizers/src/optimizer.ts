import { type DType, type FloatArray, MLArray, ShapeError, decodeNumbers, encodeNumbers, formatShape, keep, zeros } from '@smolml/core';
import { nonNegative, show, stepCount } from './check';
import { type Checked, MAX_PARAMS, checkArray, paramList } from './parameters';
import type { OptimizerStateDict, ParameterStateDict } from './state-dict';

/** What an optimizer keeps for one parameter. */
export interface ParameterState {
  /** The parameter this state belongs to (while it is being updated). */
  readonly param: MLArray;
  /** `"<objIdx>.<name>"` when the parameter was stepped through `update`, else `null`. */
  readonly name: string | null;
  /** How many updates this parameter has had, counting the one in progress (Adam's t). */
  readonly step: number;
  /** The parameter's dtype, which is its state's dtype too. */
  readonly dtype: DType;
  /** Buffers by name, each of the parameter's shape and dtype, with `requiresGrad: false`. */
  readonly buffers: Readonly<Record<string, MLArray>>;
}

// One parameter's state. Reachable only through the WeakMap keyed by its parameter (an
// ephemeron: the state lives as long as the parameter) and through WeakRefs (which keep
// it at most until the current job ends). It never references the parameter outside an
// update, so the parameter itself is never kept alive.
class Slot implements ParameterState {
  // The parameter, only while it is being updated.
  current: MLArray | null = null;
  // Set when `update` sees another array under this slot's name: the slot is dropped.
  dropped = false;
  constructor(
    public name: string | null,
    public shape: readonly number[],
    public dtype: DType,
    public step: number,
    public buffers: Record<string, MLArray>,
  ) {}

  get param(): MLArray {
    if (this.current === null) throw new Error('ParameterState.param is only available during updateParameter');
    return this.current;
  }
}

// The same array twice in one call would be updated twice.
function refuseDuplicates(op: string, checked: readonly Checked[]): void {
  const n = checked.length;
  if (n <= 16) {
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) if (checked[i].array === checked[j].array) throw duplicate(op, j, i);
    }
    return;
  }
  const seen = new Map<MLArray, number>();
  for (let i = 0; i < n; i++) {
    const j = seen.get(checked[i].array);
    if (j !== undefined) throw duplicate(op, j, i);
    seen.set(checked[i].array, i);
  }
}
const duplicate = (op: string, j: number, i: number): RangeError =>
  new RangeError(`${op}: the same parameter appears twice (positions ${j} and ${i}); it would be updated twice`);

// The name `op` of a method called on `self`, or a TypeError when `self` is not an
// optimizer (a detached method: `const { step } = opt; step(ps)`).
let isOptimizer: (x: unknown) => boolean;
function receiver(self: unknown, method: string): string {
  if (!isOptimizer(self)) {
    throw new TypeError(`Optimizer.${method}: called on ${show(self)}, not on an optimizer (call it as optimizer.${method}(...))`);
  }
  return `${(self as Optimizer).name}.${method}`;
}

// Shared by every loaded copy of this package (CommonJS and ESM), so that an optimizer
// made by one copy is an Optimizer to the other (the dual package hazard).
const OPTIMIZER_BRAND: unique symbol = Symbol.for('smolml.Optimizer') as never;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A zero buffer of `shape` and `dtype`, or `values` copied (and cast) into one. */
function stateBuffer(shape: readonly number[], dtype: DType, values?: FloatArray): MLArray {
  // keep: state first made inside tidy (a training step's first call) outlives the scope.
  const b = keep(zeros(shape, { dtype, requiresGrad: false }));
  if (values !== undefined) b.data.set(values);
  return b;
}

/**
 * The base of every optimizer: it keeps the learning rate and the state of each
 * parameter, keyed by the parameter array itself, and updates parameters in place
 * from their gradient. Subclasses supply the update rule for one parameter.
 *
 * Two ways to call it:
 * ```ts
 * optimizer.step(params);                                // any iterable of MLArrays
 * optimizer.update(layer, 0, ['weights', 'biases']);     // the original SmolML form
 * ```
 *
 * A parameter whose gradient is `null` (no gradient reached it) is skipped: it is not
 * changed and gets no state. State is created the first time a parameter is stepped;
 * that order is the order of {@link stateDict}. Parameters must be leaves: an array
 * computed by an op (`randn(3).mul(2)`) is refused, as PyTorch refuses it.
 *
 * State lives in the parameter's dtype, and never keeps a parameter alive: it is held
 * weakly, so a parameter that is dropped takes its state with it (once the current
 * synchronous job has ended, when JavaScript lets weakly held objects go).
 *
 * To write your own, extend it: set `name`, `optionNames` and `bufferNames`, check your
 * hyperparameters in `validate`, and implement `updateParameter` with a plain loop,
 * getting buffers from `this.buffer(state, 'velocity')`.
 */
export abstract class Optimizer {
  /** Step size α. Schedules change it between steps; it must be a finite number >= 0. */
  learningRate: number;
  /** The optimizer's name as stored in {@link stateDict}, e.g. `"Adam"`. */
  abstract readonly name: string;
  /** The hyperparameter names (the constructor's options), in {@link stateDict} order. */
  protected abstract readonly optionNames: readonly string[];
  /** Every buffer name this optimizer may create. */
  protected abstract readonly bufferNames: readonly string[];

  /** @internal */
  readonly [OPTIMIZER_BRAND] = true;

  /**
   * `x instanceof Optimizer` recognises optimizers from any loaded copy of this package
   * by their brand and shape (an object that only carries the brand is not one);
   * subclasses (`x instanceof Adam`) keep the ordinary prototype check.
   */
  static [Symbol.hasInstance](x: unknown): boolean {
    if (this !== Optimizer) return Function.prototype[Symbol.hasInstance].call(this, x);
    if (typeof x !== 'object' || x === null) return false;
    const o = x as Record<string | symbol, unknown>;
    return o[OPTIMIZER_BRAND] === true && typeof o.name === 'string' && typeof o.learningRate === 'number' && typeof o.step === 'function' && typeof o.stateArrays === 'function';
  }

  // The state of each bound parameter. A WeakMap, so it never keeps a parameter alive.
  readonly #slots = new WeakMap<MLArray, Slot>();
  static {
    // Made by this class's constructor: not a forged brand, not a detached method's `this`.
    isOptimizer = (x) => typeof x === 'object' && x !== null && #slots in x;
  }
  // First-step order, through WeakRefs to the slots (a WeakRef to a parameter would keep
  // the parameter alive until the end of the current job). Dead entries are pruned.
  #order: WeakRef<Slot>[] = [];
  #sweepAt = 64;
  // `update` labels: "<objIdx>.<name>" to the slot holding it, weakly too.
  readonly #byName = new Map<string, WeakRef<Slot>>();
  // Loaded state not yet matched to a parameter, in checkpoint order.
  #pending: Slot[] = [];

  protected constructor(learningRate: number) {
    this.learningRate = learningRate;
  }

  /**
   * Checks every hyperparameter, throwing a TypeError or RangeError for a bad one. Runs
   * at construction, at the start of every step (so a bad value assigned later is caught
   * before it touches a parameter) and when a state dict is loaded.
   */
  protected validate(): void {
    nonNegative(this.name, 'learningRate', this.learningRate);
  }

  /**
   * Applies the update rule to one parameter, in place. `param` and `grad` are the
   * parameter's and its gradient's data (both `Float32Array` for a float32 parameter),
   * `state.step` already counts this update. Dispatch on the storage type once, outside
   * the loop, so each loop sees one typed-array kind.
   */
  protected abstract updateParameter(param: FloatArray, grad: FloatArray, state: ParameterState): void;

  /** The buffer `name` of this parameter's state (in its dtype), created full of `initial` on first use. */
  protected buffer(state: ParameterState, name: string, initial = 0): FloatArray {
    let b = state.buffers[name];
    if (b === undefined) {
      if (!this.bufferNames.includes(name)) {
        throw new RangeError(`${this.name}: buffer '${name}' is not declared in bufferNames (${this.bufferNames.join(', ')})`);
      }
      b = stateBuffer(state.param.shape, state.dtype);
      if (initial !== 0) b.data.fill(initial);
      (state.buffers as Record<string, MLArray>)[name] = b;
    }
    return b.data;
  }

  /**
   * Updates every parameter in `params` that has a gradient, in place.
   * @example
   * loss.backward();
   * optimizer.step([w, b]);
   * optimizer.zeroGrad([w, b]);
   */
  step(params: Iterable<MLArray>): void {
    const op = receiver(this, 'step');
    this.validate();
    const list = paramList(op, params);
    const checked = list.map((p, i) => checkArray(op, i, p, true));
    this.#run(op, checked, null);
  }

  /**
   * The original SmolML form: updates `obj[name]` for each of `paramNames` in place and
   * returns those arrays (the same objects, so `[layer.weights, layer.biases] = ...`
   * still works). `objIdx` identifies `obj` (e.g. the layer's index): the state is kept
   * per array, and `"<objIdx>.<name>"` labels it in {@link stateDict}. If `obj[name]`
   * is replaced by a new array, the old array's state is dropped and the new one starts
   * fresh.
   *
   * @example
   * model.layers.forEach((layer, i) => optimizer.update(layer, i, ['weights', 'biases']));
   */
  update(obj: object, objIdx: number | string, paramNames: readonly string[]): MLArray[] {
    const op = receiver(this, 'update');
    this.validate();
    if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null) throw new TypeError(`${op}: obj must be an object, got ${show(obj)}`);
    if (typeof objIdx === 'number') {
      if (!Number.isSafeInteger(objIdx)) throw new RangeError(`${op}: objIdx must be an integer or a string, got ${objIdx}`);
    } else if (typeof objIdx !== 'string') {
      throw new TypeError(`${op}: objIdx must be an integer or a string, got ${show(objIdx)}`);
    }
    if (!Array.isArray(paramNames)) throw new TypeError(`${op}: paramNames must be an array of strings, got ${show(paramNames)}`);
    if (paramNames.length > MAX_PARAMS) throw new RangeError(`${op}: at most ${MAX_PARAMS} parameter names, got ${paramNames.length}`);
    const names = paramNames.slice();
    const checked = names.map((name: unknown, i) => {
      if (typeof name !== 'string') throw new TypeError(`${op}: paramNames[${i}] must be a string, got ${show(name)}`);
      return checkArray(op, `obj.${name.slice(0, 40)}`, (obj as Record<string, unknown>)[name], true);
    });
    this.#run(op, checked, names.map((n) => `${objIdx}.${n}`));
    return checked.map((c) => c.array);
  }

  /** Sets the gradient of every parameter in `params` to zero (buffers are kept). */
  zeroGrad(params: Iterable<MLArray>): void {
    const op = receiver(this, 'zeroGrad');
    const checked = paramList(op, params).map((p, i) => checkArray(op, i, p, true));
    for (const c of checked) if (c.grad !== null) c.grad.fill(0);
  }

  /**
   * Every state buffer (velocities, squared-gradient sums, moments) as MLArrays that
   * share the optimizer's storage, for memory accounting. Read them; don't write them.
   */
  *stateArrays(): IterableIterator<MLArray> {
    receiver(this, 'stateArrays');
    for (const s of this.#live()) yield* Object.values(s.buffers);
    for (const s of this.#pending) yield* Object.values(s.buffers);
  }

  /**
   * A JSON-ready snapshot of the hyperparameters and the state of every live parameter,
   * in the order the parameters were first stepped, each with its dtype. The numbers
   * are copies.
   * @example
   * fs.writeFileSync('opt.json', JSON.stringify(optimizer.stateDict()));
   */
  stateDict(): OptimizerStateDict {
    receiver(this, 'stateDict');
    this.validate(); // a bad hyperparameter never lands in a checkpoint
    const options: Record<string, number | boolean> = {};
    for (const k of this.optionNames) {
      const v = (this as unknown as Record<string, number | boolean>)[k];
      options[k] = v === 0 ? 0 : v; // -0 as 0: JSON cannot hold the sign, and no rule depends on it
    }
    const state: ParameterStateDict[] = [];
    for (const s of [...this.#live(), ...this.#pending]) {
      const buffers: ParameterStateDict['buffers'] = {};
      for (const [k, b] of Object.entries(s.buffers)) buffers[k] = encodeNumbers(b.data);
      state.push({ name: s.name, shape: s.shape.slice(), dtype: s.dtype, step: s.step, buffers });
    }
    return { optimizer: this.name, options, state };
  }

  /**
   * Restores a {@link stateDict} (also after a JSON round trip): the hyperparameters,
   * including the learning rate, and the per-parameter state, replacing any state held
   * now. Each entry is matched to a parameter the next time one without state is
   * stepped: by name when both the entry and the parameter have one (the `update`
   * form), otherwise in order, so step the parameters in the order they were first
   * stepped before. Pass `params` to match them in that order at once (their number
   * must equal the number of entries). A shape mismatch throws a ShapeError. State is
   * cast to its parameter's dtype, as PyTorch's `load_state_dict` does (a dict without
   * dtypes, as 0.1 wrote them, is read as float64).
   *
   * A malformed dict throws and leaves the optimizer as it was.
   * @example
   * const opt = new Adam();
   * opt.loadStateDict(JSON.parse(fs.readFileSync('opt.json', 'utf8')), model.parameters());
   */
  loadStateDict(dict: OptimizerStateDict, params?: Iterable<MLArray>): void {
    const op = receiver(this, 'loadStateDict');
    if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) throw new TypeError(`${op}: expected a state dict object, got ${show(dict)}`);
    const { optimizer, options, state } = dict as Partial<OptimizerStateDict>;
    if (optimizer !== this.name) throw new RangeError(`${op}: the state dict belongs to ${typeof optimizer === 'string' ? optimizer.slice(0, 40) : show(optimizer)}, not ${this.name}`);
    const entries = this.#readEntries(op, state);
    let bound: Checked[] | null = null;
    if (params !== undefined) {
      bound = paramList(op, params).map((p, i) => checkArray(op, i, p, true));
      if (bound.length !== entries.length) {
        throw new RangeError(`${op}: the state dict has ${entries.length} parameter states but ${bound.length} parameters were given`);
      }
      const seen = new Set<MLArray>();
      bound.forEach((c, i) => {
        if (seen.has(c.array)) throw new RangeError(`${op}: params[${i}] appears twice; each entry needs its own parameter`);
        seen.add(c.array);
        this.#checkShape(op, entries[i], c, i);
      });
    }
    this.#readOptions(op, options);
    // Committed: nothing below throws.
    this.#order = [];
    this.#sweepAt = 64;
    this.#byName.clear();
    this.#pending = entries;
    if (bound !== null) for (const c of bound) this.#bind(c, this.#pending.shift() as Slot, null);
  }

  // ---------------------------------------------------------------- internals

  // The live slots in first-step order (pruning the dead as it goes).
  #live(): Slot[] {
    const out: Slot[] = [];
    const kept: WeakRef<Slot>[] = [];
    for (const ref of this.#order) {
      const s = ref.deref();
      if (s !== undefined && !s.dropped) {
        out.push(s);
        kept.push(ref);
      }
    }
    this.#order = kept;
    this.#sweepAt = Math.max(64, 2 * kept.length);
    for (const [name, ref] of this.#byName) {
      const s = ref.deref();
      if (s === undefined || s.dropped || s.name !== name) this.#byName.delete(name);
    }
    return out;
  }

  // Checks, binds state to every parameter with a gradient, then updates them. Nothing
  // is changed (parameters or state) unless every check passes. In a training loop's
  // steady state every parameter already has its state: no allocation beyond `slots`.
  #run(op: string, checked: readonly Checked[], keys: readonly string[] | null): void {
    const n = checked.length;
    refuseDuplicates(op, checked);
    const slots = new Array<Slot | null>(n).fill(null);
    let planned = false;
    for (let i = 0; i < n; i++) {
      const c = checked[i];
      if (c.grad === null) continue; // no gradient reached it: skipped, no state
      const s = this.#slots.get(c.array);
      if (s === undefined || s.dropped || (keys !== null && s.name !== keys[i])) {
        planned = true; // new state, or a label to settle: the slow path below
        continue;
      }
      // A real array's shape is the frozen array its state was made with; only a forged
      // one can change, and then its state would no longer fit it.
      if ((s.shape !== c.shape && !sameShape(s.shape, c.shape)) || s.dtype !== c.dtype) {
        throw new TypeError(`${op}: position ${i} changed from ${formatShape(s.shape)} ${s.dtype} to ${formatShape(c.shape)} ${c.dtype} since its state was made`);
      }
      slots[i] = s;
    }
    if (planned) this.#plan(op, checked, keys, slots);
    for (let i = 0; i < n; i++) {
      const s = slots[i];
      if (s === null) continue;
      const c = checked[i];
      s.step += 1;
      s.current = c.array;
      try {
        this.updateParameter(c.data, c.grad as FloatArray, s);
      } finally {
        s.current = null;
      }
    }
  }

  // The slow path of #run: plans which loaded entry each new parameter takes, checking
  // shapes, before binding any; then binds them and settles `update` labels. Fills `slots`.
  #plan(op: string, checked: readonly Checked[], keys: readonly string[] | null, slots: (Slot | null)[]): void {
    const fresh: (Slot | null)[] = new Array<Slot | null>(checked.length).fill(null);
    const taken = new Set<Slot>();
    for (let i = 0; i < checked.length; i++) {
      const c = checked[i];
      if (c.grad === null || slots[i] !== null) continue;
      const s = this.#slots.get(c.array);
      if (s !== undefined && !s.dropped) {
        if (!sameShape(s.shape, c.shape) || s.dtype !== c.dtype) {
          throw new TypeError(`${op}: position ${i} changed from ${formatShape(s.shape)} ${s.dtype} to ${formatShape(c.shape)} ${c.dtype} since its state was made`);
        }
        continue; // has state; only its label is settled below
      }
      const key = keys === null ? null : keys[i];
      let k = -1;
      if (key !== null) k = this.#pending.findIndex((e) => !taken.has(e) && e.name === key);
      if (k < 0) k = this.#pending.findIndex((e) => !taken.has(e) && (key === null || e.name === null));
      if (k < 0) {
        fresh[i] = new Slot(null, c.shape, c.dtype, 0, {});
        continue;
      }
      this.#checkShape(op, this.#pending[k], c, k);
      taken.add(this.#pending[k]);
      fresh[i] = this.#pending[k];
    }
    // Commit: bind the planned slots and settle labels.
    if (taken.size > 0) this.#pending = this.#pending.filter((e) => !taken.has(e));
    for (let i = 0; i < checked.length; i++) {
      const c = checked[i];
      if (c.grad === null || slots[i] !== null) continue;
      const key = keys === null ? null : keys[i];
      if (key !== null) {
        // `update` found another array under a known label: the old array's state goes.
        const held = this.#byName.get(key)?.deref();
        if (held !== undefined && held !== this.#slots.get(c.array)) this.#drop(held);
      }
      const f = fresh[i];
      if (f !== null) this.#bind(c, f, key);
      else if (key !== null) {
        const s = this.#slots.get(c.array) as Slot;
        if (s.name === null) this.#label(s, key);
      }
      slots[i] = this.#slots.get(c.array) as Slot;
    }
  }

  #bind(c: Checked, slot: Slot, key: string | null): void {
    slot.shape = c.shape;
    if (slot.dtype !== c.dtype) {
      // Loaded state follows its parameter's dtype, as PyTorch's load_state_dict casts it.
      for (const k of Object.keys(slot.buffers)) slot.buffers[k] = stateBuffer(c.shape, c.dtype, slot.buffers[k].data);
      slot.dtype = c.dtype;
    }
    this.#slots.set(c.array, slot);
    this.#order.push(new WeakRef(slot));
    const name = key ?? slot.name;
    slot.name = null;
    if (name !== null) this.#label(slot, name);
    if (this.#order.length >= this.#sweepAt) this.#live();
  }

  // Gives `slot` the label `key` unless another live slot holds it (a shared array).
  #label(slot: Slot, key: string): void {
    const held = this.#byName.get(key)?.deref();
    if (held !== undefined && held !== slot && !held.dropped) return;
    slot.name = key;
    this.#byName.set(key, new WeakRef(slot));
  }

  #drop(slot: Slot): void {
    slot.dropped = true;
    if (slot.name !== null && this.#byName.get(slot.name)?.deref() === slot) this.#byName.delete(slot.name);
  }

  #checkShape(op: string, entry: Slot, c: Checked, index: number): void {
    if (!sameShape(entry.shape, c.shape)) {
      const label = entry.name === null ? `state[${index}]` : `state[${index}] ('${entry.name}')`;
      throw new ShapeError(op, `${label} has shape ${formatShape(entry.shape)} but its parameter has shape ${formatShape(c.shape)}`, [entry.shape, c.shape]);
    }
  }

  #readEntries(op: string, state: unknown): Slot[] {
    if (!Array.isArray(state)) throw new TypeError(`${op}: state must be an array, got ${show(state)}`);
    if (state.length > MAX_PARAMS) throw new RangeError(`${op}: at most ${MAX_PARAMS} parameter states, got ${state.length}`);
    const names = new Set<string>();
    return state.map((e: unknown, i): Slot => {
      const where = `${op}: state[${i}]`;
      if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new TypeError(`${where} must be an object, got ${show(e)}`);
      const { name, shape, step, buffers, dtype: given } = e as Partial<ParameterStateDict>;
      if (name !== null && typeof name !== 'string') throw new TypeError(`${where}.name must be a string or null, got ${show(name)}`);
      if (name !== null) {
        if (names.has(name)) throw new RangeError(`${where}.name '${name.slice(0, 40)}' appears twice`);
        names.add(name);
      }
      if (!Array.isArray(shape) || shape.length > 64) throw new TypeError(`${where}.shape must be an array of at most 64 non-negative integers, got ${show(shape)}`);
      shape.forEach((d: unknown, j) => {
        if (typeof d !== 'number') throw new TypeError(`${where}.shape[${j}] must be a non-negative integer, got ${show(d)}`);
        if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`${where}.shape must be an array of non-negative integers, got ${d} at ${j}`);
      });
      stepCount(`${where}`, 'step', step);
      const dtype = given === undefined ? 'float64' : given;
      if (dtype !== 'float64' && dtype !== 'float32') throw new TypeError(`${where}.dtype must be 'float64' or 'float32', got ${show(dtype)}`);
      if (typeof buffers !== 'object' || buffers === null || Array.isArray(buffers)) throw new TypeError(`${where}.buffers must be an object, got ${show(buffers)}`);
      const n = sizeOf(shape as number[]);
      const out: Record<string, MLArray> = {};
      for (const [k, values] of Object.entries(buffers)) {
        if (!this.bufferNames.includes(k)) {
          throw new RangeError(`${where}: unknown buffer '${k.slice(0, 40)}' for ${this.name}; expected ${this.bufferNames.join(', ') || 'none'}`);
        }
        // The length first: a huge declared shape never allocates.
        if (!Array.isArray(values)) throw new TypeError(`${where}.buffers.${k} must be an array of numbers, got ${show(values)}`);
        if (values.length !== n) throw new RangeError(`${where}.buffers.${k}: expected an array of ${n} numbers, got ${values.length} values`);
        out[k] = stateBuffer(shape as number[], dtype, decodeNumbers(values, dtype, `${where}.buffers.${k}`));
      }
      return new Slot(name, Object.freeze((shape as number[]).slice()), dtype, step as number, out);
    });
  }

  #readOptions(op: string, options: unknown): void {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`${op}: options must be an object, got ${show(options)}`);
    const given = Object.keys(options).sort().join(', ');
    const expected = [...this.optionNames].sort().join(', ');
    if (given !== expected) throw new RangeError(`${op}: expected options ${expected}, got ${given.slice(0, 200)}`);
    const self = this as unknown as Record<string, unknown>;
    const old = this.optionNames.map((k) => self[k]);
    for (const k of this.optionNames) self[k] = (options as Record<string, unknown>)[k];
    try {
      this.validate();
    } catch (err) {
      this.optionNames.forEach((k, i) => (self[k] = old[i]));
      throw err;
    }
  }
}
