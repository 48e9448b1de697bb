import { Value, describeArg } from '@smolml/core';
import { Ledger } from './ledger';
import { type SizeOptions, layoutOf } from './layout';

/**
 * Core keeps every Value's `data` and `grad` (two float64 numbers) in a shared
 * `Float64Array` chunk of this many numbers, so one node owns 16 bytes of it and this
 * share of the chunk's two objects (its typed array and ArrayBuffer).
 */
const CHUNK_NUMBERS = 512;

/**
 * The bytes of one `Value` node: its object (one slot per field), the 16 bytes of its
 * `data` and `grad` (two float64 numbers, exact; core stores them in shared
 * `Float64Array` chunks) with its share of the chunk's objects, rounded to a whole byte.
 * The nodes it was computed from are not included: a Value graph is counted node by
 * node. The object is modelled; a pow node's fractional exponent (one heap number) and
 * a `Value.custom` node's list of partials are not visible to the model.
 *
 * @example
 * calculateValueSize(new Value(1.5)); // 97 on 64-bit Node: an 80-byte object + 16 bytes of numbers + 1 of the chunk
 */
export function calculateValueSize(v: Value, options?: SizeOptions): number {
  const FN = 'calculateValueSize';
  if (!(v instanceof Value)) {
    throw new TypeError(`${FN}: expected a Value, got ${describeArg(v)}`);
  }
  const ledger = new Ledger(layoutOf(FN, options), FN);
  const L = ledger.layout;
  ledger.overhead += ledger.objectShell(Reflect.ownKeys(v).length);
  // A Value that holds `data` and `grad` as its own fields (a core before the chunks)
  // pays a heap number for each fractional one; otherwise they live in a chunk.
  let ownNumbers = false;
  for (const key of ['data', 'grad']) {
    const d = Object.getOwnPropertyDescriptor(v, key);
    if (d !== undefined && 'value' in d && typeof d.value === 'number') {
      ownNumbers = true;
      ledger.number(d.value);
    }
  }
  if (!ownNumbers) {
    ledger.storage += 16;
    ledger.overhead += Math.round(((L.typedArray + L.arrayBuffer) * 2) / CHUNK_NUMBERS);
  }
  return ledger.total;
}
