import { MLArray, Rng } from '@smolml/core';
import { relu, tanh } from '@smolml/activations';
import { XavierUniform } from '@smolml/initializers';
import { mseLoss } from '@smolml/losses';
import { AdaGrad, Adam, type Optimizer, SGD, SGDMomentum } from '@smolml/optimizers';
import { Dense } from '../model/dense';
import { Sequential } from '../model/sequential';

/** The four XOR inputs and their targets. */
export const XOR_X = new MLArray([[0, 0], [0, 1], [1, 0], [1, 1]], { requiresGrad: false });
export const XOR_Y = new MLArray([[0], [1], [1], [0]], { requiresGrad: false });

/**
 * The XOR network: 2→32 (ReLU) → 1 (tanh), trained on mean squared error, with
 * Xavier-uniform weights as the original's dense layers start.
 */
export function xorNetwork(optimizer: Optimizer, seed: number): Sequential {
  const rng = new Rng(seed);
  return new Sequential(
    [
      new Dense(2, 32, { activation: relu, initializer: XavierUniform, rng }),
      new Dense(32, 1, { activation: tanh, initializer: XavierUniform, rng }),
    ],
    mseLoss,
    optimizer,
  );
}

/** One optimizer's run: the loss before each step, and the outputs at the end. */
export interface XorRun {
  label: string;
  losses: number[];
  outputs: number[];
}

/**
 * The optimizers and learning rates of the original comparison: 0.1 for the first
 * three, 0.01 for Adam, whose steps are normalised and so larger for the same rate.
 */
export function originalOptimizers(): [string, Optimizer][] {
  return [
    ['SGD', new SGD({ learningRate: 0.1 })],
    ['SGDMomentum', new SGDMomentum({ learningRate: 0.1, momentumCoefficient: 0.9 })],
    ['AdaGrad', new AdaGrad({ learningRate: 0.1 })],
    ['Adam', new Adam({ learningRate: 0.01 })],
  ];
}

/**
 * Trains the XOR network once per optimizer for `steps` full-batch steps, each run
 * from the same starting weights (drawn with `seed`), so only the optimizer differs.
 */
export function compareOptimizers(steps: number, seed: number, optimizers = originalOptimizers()): XorRun[] {
  return optimizers.map(([label, optimizer]) => {
    const model = xorNetwork(optimizer, seed);
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) losses.push(model.trainStep(XOR_X, XOR_Y).loss);
    return { label, losses, outputs: Array.from(model.predict(XOR_X).data) };
  });
}
