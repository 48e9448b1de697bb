import { type DType, MLArray, type Rng, defaultDType, zeros } from '@smolml/core';
import { linear } from '@smolml/activations';
import { HeInitialization, type Initializer } from '@smolml/initializers';

/** An elementwise function applied to a layer's output, e.g. `relu` from @smolml/activations. */
export type Activation = (x: MLArray) => MLArray;

/** How a {@link Dense} layer starts. */
export interface DenseOptions {
  /** Applied to `x·W + b`; `linear` (none) by default. */
  activation?: Activation;
  /** Draws the starting weights; He (Kaiming) normal by default, the match for ReLU. */
  initializer?: Initializer;
  /** The generator the initializer draws from, for reproducible runs. */
  rng?: Rng;
  /** The dtype of the weights and biases (and so of their gradients and optimizer state); core's default dtype (float64) when omitted. */
  dtype?: DType;
}

/**
 * A fully connected layer: `activation(x · W + b)`. Weights are shaped (inputSize,
 * outputSize), so a batch of row vectors multiplies from the left; biases are one row,
 * broadcast over the batch, and start at zero.
 */
export class Dense {
  readonly weights: MLArray;
  readonly biases: MLArray;
  readonly activation: Activation;

  constructor(inputSize: number, outputSize: number, options: DenseOptions = {}) {
    const initializer = options.initializer ?? HeInitialization;
    const dtype = options.dtype ?? defaultDType();
    const drawn = initializer.initialize([inputSize, outputSize], { rng: options.rng });
    // The draw is float64; a float32 layer rounds it once into a fresh leaf, so both
    // dtypes start from the same weights for the same seed.
    this.weights = drawn.dtype === dtype ? drawn : MLArray.from(drawn.data, drawn.shape, { dtype });
    this.biases = zeros([1, outputSize], { dtype });
    this.activation = options.activation ?? linear;
  }

  /** The layer's output for a batch `x` of shape (batch, inputSize). */
  forward(x: MLArray): MLArray {
    return this.activation(x.matmul(this.weights).add(this.biases));
  }

  /** The arrays an optimizer updates. */
  parameters(): MLArray[] {
    return [this.weights, this.biases];
  }
}
