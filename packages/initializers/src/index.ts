/**
 * `@smolml/initializers`: starting values for weights. Each initializer is a class with
 * a static `initialize`, called as `XavierUniform.initialize(784, 128)` or
 * `XavierUniform.initialize([784, 128], { rng, gain })`. Weights are shaped
 * (fanIn, fanOut) and used as `x.matmul(W)`.
 *
 * @packageDocumentation
 */
export { WeightInitializer } from './weight-initializer';
export { RandomUniform, type RandomUniformOptions } from './random-uniform';
export { XavierUniform } from './xavier-uniform';
export { XavierNormal } from './xavier-normal';
export { HeInitialization } from './he-initialization';
export { HeUniform } from './he-uniform';
export { LeCunNormal } from './lecun-normal';
export { LeCunUniform } from './lecun-uniform';
export { Zeros } from './zeros';
export { Ones } from './ones';
export { Constant, type ConstantOptions } from './constant';
export { Orthogonal } from './orthogonal';
export { TruncatedNormal, type TruncatedNormalOptions } from './truncated-normal';
export { calculateGain, type GainNonlinearity } from './calculate-gain';
export { initializers, initializerNames, getInitializer, registerInitializer, type InitializerName } from './registry';
export type { Initializer, InitializerOptions, FillOptions, InitializeArgs } from './options';
