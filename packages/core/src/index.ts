/**
 * `@smolml/core`: the arrays that differentiate. `MLArray` (n-d float64 or float32 arrays with
 * reverse-mode autodiff), `Value` (the scalar, micrograd-style node), a seedable `Rng`,
 * and typed errors. Every other SmolML package builds on these.
 *
 * @packageDocumentation
 */
export { MLArray, type ArrayOptions, type BackwardFn, type SavedBuffers } from './mlarray';
export { type Nested } from './nested';
export { Value } from './value';
export { zeros, ones, full, randn, rand, type RandomOptions } from './creation';
export { noGrad, isGradEnabled, type Sync } from './grad-mode';
export { Rng, setSeed, defaultRng } from './rng';
export { ShapeError } from './errors';
export { customOp, type CustomBackward, type CustomOpOptions } from './custom-op';
export { type DType, type FloatArray, defaultDType, setDefaultDType, checkDType } from './dtype';
export { encodeNumbers, decodeNumbers, type JsonNumber } from './codec';
export { formatShape, describeArg, normalizeAxis, axisPlan, type AxisPlan } from './vocabulary';
export { elementCap, setElementCap, DEFAULT_ELEMENT_CAP, allocate } from './alloc';
export { tidy, keep } from './tidy';
export { poolStats, clearPool, setPoolCap, POOL_MIN_BYTES, type PoolStats } from './pool';
export { gradCheck, type GradCheckOptions, type GradCheckResult } from './gradcheck';
export { broadcastShapes } from './shape';
export { gemmKernel, setGemmKernel, type GemmKernel } from './ops/gemm';
export { adamUpdateSimd, type AdamHyper, type AdamMode } from './wasm/stream-wasm';
// --- toolkit: indexing, joining, masks ---
export { concat, stack, where, oneHot, type SliceSpec } from './ops/indexing';
// --- end indexing ---
// --- toolkit: creation, state ---
export { arange, linspace, eye, zerosLike, onesLike, fullLike } from './creation';
export { type MLArrayJSON } from './array-json';
export { toSafetensors, fromSafetensors, SafetensorsError, SAFETENSORS_MAX_HEADER_BYTES, type SafetensorsContents } from './safetensors';
export { isRng, RNG_STATE_VERSION } from './rng';
// --- end creation ---
