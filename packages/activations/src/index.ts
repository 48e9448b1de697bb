/**
 * `@smolml/activations`: the nonlinearities of a neural network, for `MLArray`s and
 * (elementwise ones) for scalar `Value`s, with gradients from core's autograd, and a
 * name registry for models configured from JSON. Each returns its input's dtype
 * (float32 or float64).
 *
 * @packageDocumentation
 */
export { relu } from './relu';
export { leakyRelu } from './leaky-relu';
export { elu } from './elu';
export { sigmoid } from './sigmoid';
export { softmax } from './softmax';
export { tanh } from './tanh';
export { linear } from './linear';
export { logSoftmax } from './log-softmax';
export { gelu, type GeluApproximation } from './gelu';
export { silu, swish } from './silu';
export { softplus } from './softplus';
export { relu6 } from './relu6';
export { hardSigmoid } from './hard-sigmoid';
export { selu } from './selu';
export { mish } from './mish';
export { getActivation, activationNames, type Activation, type ActivationName, type ActivationOptions } from './registry';
