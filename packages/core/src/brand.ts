// Brands survive the dual package hazard: an app that loads this package once through
// `require` and once through `import` gets two copies of every class, so a bare
// `instanceof` would reject arrays made by the other copy. `Symbol.for` keys are shared
// by the whole realm, so both copies agree on them.
export const MLARRAY_BRAND: unique symbol = Symbol.for('smolml.MLArray') as never;
export const VALUE_BRAND: unique symbol = Symbol.for('smolml.Value') as never;

export function hasBrand(x: unknown, brand: symbol): boolean {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[brand] === true;
}
