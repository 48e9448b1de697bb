/**
 * `@smolml/optimizers`: the rules that turn gradients into parameter updates (SGD,
 * momentum, AdaGrad, Adam, RMSProp, AdamW), learning-rate schedules, and gradient
 * clipping. Every optimizer updates parameters in place from their `.grad`, keeps its
 * state per parameter array, and saves and restores that state as JSON.
 *
 * @packageDocumentation
 */
export { Optimizer, type ParameterState } from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { SGDMomentum, type SGDMomentumOptions } from './sgd-momentum';
export { AdaGrad, type AdaGradOptions } from './adagrad';
export { Adam, type AdamOptions } from './adam';
export { AdamW, type AdamWOptions } from './adamw';
export { RMSProp, type RMSPropOptions } from './rmsprop';
export { LRScheduler } from './lr-scheduler';
export { StepLR, type StepLROptions } from './step-lr';
export { ExponentialLR, type ExponentialLROptions } from './exponential-lr';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './cosine-annealing-lr';
export { LinearWarmup, type LinearWarmupOptions } from './linear-warmup';
export { clipGradNorm } from './clip-grad-norm';
export { clipGradValue } from './clip-grad-value';
export type { OptimizerStateDict, ParameterStateDict, SchedulerStateDict, JsonNumber } from './state-dict';
