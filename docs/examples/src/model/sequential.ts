import { type MLArray, noGrad } from '@smolml/core';
import type { Optimizer } from '@smolml/optimizers';
import type { Dense } from './dense';

/** A loss in the (yPred, yTrue) order of @smolml/losses, returning a 0-d array. */
export type LossFunction = (yPred: MLArray, yTrue: MLArray) => MLArray;

/**
 * Layers applied one after another, with the loss they are trained on and the
 * optimizer that trains them. Its shape (`layers` of `{ weights, biases }`, an
 * `optimizer`) is what @smolml/memory's `calculateNeuralNetworkSize` measures.
 */
export class Sequential {
  constructor(
    readonly layers: readonly Dense[],
    readonly lossFunction: LossFunction,
    readonly optimizer: Optimizer,
  ) {}

  /** The output of the last layer for a batch `x`, recording the graph for `backward`. */
  forward(x: MLArray): MLArray {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  /** Every trainable array, layer by layer. */
  parameters(): MLArray[] {
    return this.layers.flatMap((layer) => layer.parameters());
  }

  /**
   * One step of gradient descent on a batch: forward, loss, backward, update. Returns
   * the loss and the model's output (before the update), which the caller may score.
   */
  trainStep(x: MLArray, yTrue: MLArray): { loss: number; output: MLArray } {
    const params = this.parameters();
    const output = this.forward(x);
    const loss = this.lossFunction(output, yTrue);
    loss.backward();
    this.optimizer.step(params);
    this.optimizer.zeroGrad(params);
    return { loss: loss.item(), output };
  }

  /** The output for `x` without recording a graph: for evaluation. */
  predict(x: MLArray): MLArray {
    return noGrad(() => this.forward(x));
  }
}
