import { Value } from '@smolml/core';
import { Ledger } from './ledger';
import { type SizeOptions, layoutOf } from './layout';

/**
 * The bytes of one `Value` node: its object (one slot per field) plus a heap number
 * for each field holding a number that is not a small integer (`data`, `grad`, a pow
 * node's exponent). The nodes it was computed from are not included: a Value graph is
 * counted node by node. Unlike an MLArray's storage this is an estimate (V8 may box a
 * field's integers too once it has held a fraction).
 *
 * @example
 * calculateValueSize(new Value(1.5)); // 96 on 64-bit Node: 80-byte object + 16-byte boxed 1.5
 */
export function calculateValueSize(v: Value, options?: SizeOptions): number {
  if (!(v instanceof Value)) {
    throw new TypeError(`calculateValueSize: expected a Value, got ${v === null ? 'null' : typeof v}`);
  }
  const ledger = new Ledger(layoutOf(options));
  const keys = Reflect.ownKeys(v);
  ledger.overhead += ledger.objectShell(keys.length);
  for (const key of keys) {
    const field = (v as unknown as Record<PropertyKey, unknown>)[key];
    if (typeof field === 'number') ledger.number(field);
  }
  return ledger.total;
}
