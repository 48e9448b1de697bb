/**
 * `@smolml/core`: the arrays that differentiate. `MLArray` (n-d float64 arrays with
 * reverse-mode autodiff), `Value` (the scalar, micrograd-style node), a seedable `Rng`,
 * and typed errors. Every other SmolML package builds on these.
 *
 * @packageDocumentation
 */
export { MLArray, type ArrayOptions, type BackwardFn } from './mlarray';
export { type Nested } from './nested';
export { Value } from './value';
export { zeros, ones, full, randn, rand, type RandomOptions } from './creation';
export { noGrad, isGradEnabled } from './grad-mode';
export { Rng, setSeed, defaultRng } from './rng';
export { ShapeError } from './errors';
export { customOp, type CustomBackward } from './custom-op';
export { gradCheck, type GradCheckOptions, type GradCheckResult } from './gradcheck';
export { broadcastShapes } from './shape';
export { gemmKernel, setGemmKernel, type GemmKernel } from './ops/gemm';
