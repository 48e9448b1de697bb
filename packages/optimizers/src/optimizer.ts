import { MLArray, ShapeError, zeros } from '@smolml/core';
import { nonNegative } from './check';
import { type OptimizerStateDict, type ParameterStateDict, decodeNumbers, encodeNumbers } from './state-dict';

/** What an optimizer keeps for one parameter. */
export interface ParameterState {
  /** The parameter this state belongs to. */
  readonly param: MLArray;
  /** `"<objIdx>.<name>"` when the parameter was stepped through `update`, else `null`. */
  readonly name: string | null;
  /** How many updates this parameter has had, counting the one in progress (Adam's t). */
  readonly step: number;
  /** Buffers by name, each of the parameter's shape, with `requiresGrad: false`. */
  readonly buffers: Readonly<Record<string, MLArray>>;
}

interface Slot {
  param: MLArray | null; // null while a loaded entry waits for its parameter
  name: string | null;
  shape: readonly number[];
  step: number;
  buffers: Record<string, MLArray>;
  lastCall: number;
}

// Shared by every loaded copy of this package (CommonJS and ESM), so that an optimizer
// made by one copy is an Optimizer to the other (the dual package hazard).
const OPTIMIZER_BRAND: unique symbol = Symbol.for('smolml.Optimizer') as never;

const fmtShape = (s: readonly number[]): string => `[${s.join(', ')}]`;
const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);
const describe = (x: unknown): string => (x === null ? 'null' : typeof x === 'object' ? (x.constructor?.name ?? 'object') : typeof x);

/**
 * The base of every optimizer: it keeps the learning rate and the state of each
 * parameter, keyed by the parameter array itself, and updates parameters in place
 * from their `.grad`. Subclasses supply the update rule for one parameter.
 *
 * Two ways to call it:
 * ```ts
 * optimizer.step(params);                                // any iterable of MLArrays
 * optimizer.update(layer, 0, ['weights', 'biases']);     // the original SmolML form
 * ```
 *
 * A parameter whose `grad` is `null` (no gradient reached it) is skipped: it is not
 * changed and gets no state. State is created the first time a parameter is stepped;
 * that order is the order of {@link stateDict}.
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
   * `x instanceof Optimizer` recognises optimizers from any loaded copy of this package;
   * subclasses (`x instanceof Adam`) keep the ordinary prototype check.
   */
  static [Symbol.hasInstance](x: unknown): boolean {
    if (this !== Optimizer) return Function.prototype[Symbol.hasInstance].call(this, x);
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[OPTIMIZER_BRAND] === true;
  }

  readonly #slots = new Map<MLArray, Slot>();
  readonly #byName = new Map<string, Slot>();
  // Loaded state not yet matched to a parameter, in checkpoint order.
  #pending: Slot[] = [];
  #calls = 0;

  protected constructor(learningRate: number) {
    this.learningRate = learningRate;
  }

  /**
   * Checks every hyperparameter, throwing a RangeError for a bad one. Runs at
   * construction, at the start of every step (so a bad value assigned later is caught
   * before it touches a parameter) and when a state dict is loaded.
   */
  protected validate(): void {
    nonNegative(this.name, 'learningRate', this.learningRate);
  }

  /**
   * Applies the update rule to one parameter, in place. `param` and `grad` are the
   * parameter's and its gradient's data, `state.step` already counts this update.
   */
  protected abstract updateParameter(param: Float64Array, grad: Float64Array, state: ParameterState): void;

  /** The buffer `name` of this parameter's state, created full of `initial` on first use. */
  protected buffer(state: ParameterState, name: string, initial = 0): Float64Array {
    let b = state.buffers[name];
    if (b === undefined) {
      if (!this.bufferNames.includes(name)) {
        throw new Error(`${this.name}: buffer '${name}' is not declared in bufferNames (${this.bufferNames.join(', ')})`);
      }
      b = zeros(state.param.shape, { requiresGrad: false });
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
    this.validate();
    const list = iterableParams(this.name, 'step', params);
    const call = ++this.#calls;
    // Everything is checked before any parameter changes, so a bad call modifies nothing.
    for (let i = 0; i < list.length; i++) this.#prepare(list[i], null, call, 'step');
    for (let i = 0; i < list.length; i++) this.#apply(list[i] as MLArray);
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
    this.validate();
    const call = ++this.#calls;
    const params: MLArray[] = [];
    for (const name of paramNames) {
      const p = (obj as Record<string, unknown>)[name];
      if (!(p instanceof MLArray)) {
        throw new TypeError(`${this.name}.update: obj.${name} must be an MLArray, got ${describe(p)}`);
      }
      params.push(p);
    }
    for (let i = 0; i < params.length; i++) {
      const key = `${objIdx}.${paramNames[i]}`;
      const held = this.#byName.get(key);
      if (held !== undefined && held.param !== params[i]) this.#forget(held);
      this.#prepare(params[i], key, call, 'update');
    }
    for (const p of params) this.#apply(p);
    return params;
  }

  /** Sets the gradient of every parameter in `params` to zero (buffers are kept). */
  zeroGrad(params: Iterable<MLArray>): void {
    for (const p of iterableParams(this.name, 'zeroGrad', params)) {
      if (!(p instanceof MLArray)) throw new TypeError(`${this.name}.zeroGrad: expected MLArrays, got ${describe(p)}`);
      p.zeroGrad();
    }
  }

  /**
   * Every state buffer (velocities, squared-gradient sums, moments) as MLArrays that
   * share the optimizer's storage, for memory accounting. Read them; don't write them.
   */
  *stateArrays(): IterableIterator<MLArray> {
    for (const s of this.#slots.values()) yield* Object.values(s.buffers);
    for (const s of this.#pending) yield* Object.values(s.buffers);
  }

  /**
   * A JSON-ready snapshot of the hyperparameters and every parameter's state, in the
   * order the parameters were first stepped. The numbers are copies.
   * @example
   * fs.writeFileSync('opt.json', JSON.stringify(optimizer.stateDict()));
   */
  stateDict(): OptimizerStateDict {
    const options: Record<string, number | boolean> = {};
    for (const k of this.optionNames) options[k] = (this as unknown as Record<string, number | boolean>)[k];
    const state: ParameterStateDict[] = [];
    for (const s of [...this.#slots.values(), ...this.#pending]) {
      const buffers: Record<string, ReturnType<typeof encodeNumbers>> = {};
      for (const [k, b] of Object.entries(s.buffers)) buffers[k] = encodeNumbers(b.data);
      state.push({ name: s.name, shape: s.shape.slice(), step: s.step, buffers });
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
   * must equal the number of entries). A shape mismatch throws a ShapeError.
   *
   * A malformed dict throws and leaves the optimizer as it was.
   * @example
   * const opt = new Adam();
   * opt.loadStateDict(JSON.parse(fs.readFileSync('opt.json', 'utf8')), model.parameters());
   */
  loadStateDict(dict: OptimizerStateDict, params?: Iterable<MLArray>): void {
    const op = `${this.name}.loadStateDict`;
    if (typeof dict !== 'object' || dict === null) throw new RangeError(`${op}: expected a state dict object, got ${describe(dict)}`);
    if (dict.optimizer !== this.name) {
      throw new RangeError(`${op}: the state dict belongs to ${String(dict.optimizer)}, not ${this.name}`);
    }
    const entries = this.#readEntries(op, dict.state);
    let bound: MLArray[] | null = null;
    if (params !== undefined) {
      bound = [...params];
      if (bound.length !== entries.length) {
        throw new RangeError(`${op}: the state dict has ${entries.length} parameter states but ${bound.length} parameters were given`);
      }
      bound.forEach((p, i) => {
        if (!(p instanceof MLArray)) throw new TypeError(`${op}: expected MLArrays, got ${describe(p)}`);
        this.#checkShape(op, entries[i], p, i);
      });
    }
    this.#readOptions(op, dict.options);
    this.#slots.clear();
    this.#byName.clear();
    this.#pending = entries;
    if (bound !== null) bound.forEach((p) => this.#bind(p, this.#pending.shift() as Slot, null));
  }

  #readEntries(op: string, state: unknown): Slot[] {
    if (!Array.isArray(state)) throw new RangeError(`${op}: state must be an array, got ${describe(state)}`);
    const names = new Set<string>();
    return state.map((e: unknown, i): Slot => {
      const where = `${op}: state[${i}]`;
      if (typeof e !== 'object' || e === null) throw new RangeError(`${where} must be an object`);
      const { name, shape, step, buffers } = e as Partial<ParameterStateDict>;
      if (name !== null && typeof name !== 'string') throw new RangeError(`${where}.name must be a string or null`);
      if (name !== null) {
        if (names.has(name)) throw new RangeError(`${where}.name '${name}' appears twice`);
        names.add(name);
      }
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
        throw new RangeError(`${where}.shape must be an array of non-negative integers`);
      }
      if (!Number.isInteger(step) || (step as number) < 0) throw new RangeError(`${where}.step must be an integer >= 0`);
      if (typeof buffers !== 'object' || buffers === null) throw new RangeError(`${where}.buffers must be an object`);
      const out: Record<string, MLArray> = {};
      for (const [k, values] of Object.entries(buffers)) {
        if (!this.bufferNames.includes(k)) {
          throw new RangeError(`${where}: unknown buffer '${k}' for ${this.name}; expected ${this.bufferNames.join(', ') || 'none'}`);
        }
        const b = zeros(shape, { requiresGrad: false });
        decodeNumbers(values, b.data, `${where}.buffers.${k}`);
        out[k] = b;
      }
      return { param: null, name, shape: Object.freeze(shape.slice()), step: step as number, buffers: out, lastCall: 0 };
    });
  }

  #readOptions(op: string, options: unknown): void {
    if (typeof options !== 'object' || options === null) throw new RangeError(`${op}: options must be an object`);
    const given = Object.keys(options).sort().join(', ');
    const expected = [...this.optionNames].sort().join(', ');
    if (given !== expected) throw new RangeError(`${op}: expected options ${expected}, got ${given}`);
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

  #checkShape(op: string, entry: Slot, p: MLArray, index: number): void {
    if (!sameShape(entry.shape, p.shape)) {
      const label = entry.name === null ? `state[${index}]` : `state[${index}] ('${entry.name}')`;
      throw new ShapeError(op, `${label} has shape ${fmtShape(entry.shape)} but its parameter has shape ${fmtShape(p.shape)}`, [entry.shape, p.shape]);
    }
  }

  // Gives p its state: a loaded entry (by name, else in order) or a fresh one.
  #create(p: MLArray, key: string | null, op: string): Slot {
    let i = -1;
    if (key !== null) i = this.#pending.findIndex((e) => e.name === key);
    if (i < 0) i = this.#pending.findIndex((e) => key === null || e.name === null);
    if (i < 0) return this.#bind(p, { param: null, name: null, shape: p.shape, step: 0, buffers: {}, lastCall: 0 }, key);
    this.#checkShape(`${this.name}.${op}`, this.#pending[i], p, i);
    const [entry] = this.#pending.splice(i, 1);
    return this.#bind(p, entry, key);
  }

  #bind(p: MLArray, slot: Slot, key: string | null): Slot {
    slot.param = p;
    slot.shape = p.shape;
    if (key !== null) slot.name = key;
    if (slot.name !== null) {
      if (this.#byName.has(slot.name)) slot.name = null; // the label is taken (a shared array)
      else this.#byName.set(slot.name, slot);
    }
    this.#slots.set(p, slot);
    return slot;
  }

  #forget(slot: Slot): void {
    if (slot.param !== null) this.#slots.delete(slot.param);
    if (slot.name !== null) this.#byName.delete(slot.name);
  }

  #prepare(p: unknown, key: string | null, call: number, op: string): void {
    if (!(p instanceof MLArray)) throw new TypeError(`${this.name}.${op}: expected MLArray parameters, got ${describe(p)}`);
    if (p.grad === null) return;
    let s = this.#slots.get(p);
    if (s === undefined) s = this.#create(p, key, op);
    else if (key !== null && s.name === null && !this.#byName.has(key)) {
      s.name = key;
      this.#byName.set(key, s);
    }
    if (s.lastCall === call) {
      throw new Error(`${this.name}.${op}: the same parameter appears twice in one call; it would be updated twice`);
    }
    s.lastCall = call;
  }

  #apply(p: MLArray): void {
    const g = p.grad;
    if (g === null) return;
    const s = this.#slots.get(p) as Slot;
    s.step += 1;
    this.updateParameter(p.data, g.data, s as ParameterState);
  }
}

// `opt.step(w)` with a single array is an easy slip; say so instead of "not iterable".
function iterableParams(name: string, method: string, params: unknown): readonly unknown[] {
  if (Array.isArray(params)) return params;
  if (params !== null && typeof params === 'object' && Symbol.iterator in params) return [...(params as Iterable<unknown>)];
  const hint = params instanceof MLArray ? ' (wrap a single array in a list: [w])' : '';
  throw new TypeError(`${name}.${method}: expected an iterable of MLArrays${hint}, got ${params === null ? 'null' : typeof params}`);
}
