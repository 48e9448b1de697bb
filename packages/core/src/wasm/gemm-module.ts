// The gemm module: the kernel and packing functions of ./gemm-kernel for both dtypes,
// in one module over one imported memory (so one instance, and one heap to bound or
// drop, serves float64 and float32 alike).
import { wasmModule } from './encode';
import { F32_KERNEL, F64_KERNEL, MR, UNROLL, gemmFunction, packAFunction, packATFunction, packFunction, packTFunction } from './gemm-kernel';

/** @internal The module with a chosen tile (for measuring alternatives in the bench). */
export function buildGemmModule(mr = MR, unroll = UNROLL): Uint8Array<ArrayBuffer> {
  return wasmModule([
    gemmFunction(F64_KERNEL, mr, unroll), packFunction(F64_KERNEL), packAFunction(F64_KERNEL),
    gemmFunction(F32_KERNEL, mr, unroll), packFunction(F32_KERNEL), packAFunction(F32_KERNEL),
  ]);
}

let bytes: Uint8Array<ArrayBuffer> | null = null;
let transBytes: Uint8Array<ArrayBuffer> | null = null;

/**
 * The module's bytes (built once, under 4 KB). Imports `env.memory`; exports `gemm_<dt>`,
 * `pack_<dt>` and `packa_<dt>` for dt = f64 and f32.
 */
export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  if (bytes === null) bytes = buildGemmModule();
  return bytes;
}

/**
 * The second module, over the same memory: `packt_<dt>` and `packat_<dt>`, which pack an
 * operand given as its transpose. A module of its own because browsers compile a module
 * synchronously on the main thread only up to 4 KB.
 */
export function gemmTransModuleBytes(): Uint8Array<ArrayBuffer> {
  if (transBytes === null) {
    transBytes = wasmModule([packTFunction(F64_KERNEL), packATFunction(F64_KERNEL), packTFunction(F32_KERNEL), packATFunction(F32_KERNEL)]);
  }
  return transBytes;
}
