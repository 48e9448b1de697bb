/**
 * A buffer that is double in every kernel twin: `*.f64.ts` files spell their own dtype's
 * storage `Float64Array` (renamed in the float32 twin), so a value formed in double in
 * both twins (gelu's erfc, before its one rounding) is typed through this name instead.
 */
export type Double = Float64Array;
