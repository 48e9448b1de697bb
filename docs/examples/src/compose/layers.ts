// The model side of a platform team's stack: a Dense layer, a multi-layer perceptron
// built from it, and parameter collection by walking the model, with dotted names
// (`layers.0.weights`) that checkpoints are keyed by.
import { MLArray, type Rng, isRng, zeros } from '@smolml/core';
import { HeInitialization, type Initializer, XavierUniform } from '@smolml/initializers';

/** A fully connected layer: `x · W + b`, W shaped (inputs, outputs), then an activation. */
export class Dense {
  readonly weights: MLArray;
  readonly biases: MLArray;

  constructor(
    inputs: number,
    outputs: number,
    readonly activation: ((x: MLArray) => MLArray) | null,
    rng: Rng,
    initializer: Initializer = activation === null ? XavierUniform : HeInitialization,
  ) {
    this.weights = initializer.initialize([inputs, outputs], { rng });
    this.biases = zeros(1, outputs);
  }

  forward(x: MLArray): MLArray {
    const z = x.matmul(this.weights).add(this.biases);
    return this.activation === null ? z : this.activation(z);
  }
}

/** Dense layers with ReLU between them and a linear last layer (it gives logits). */
export class Mlp {
  readonly layers: Dense[];

  constructor(sizes: readonly number[], rng: Rng) {
    this.layers = sizes.slice(1).map((n, i) => new Dense(sizes[i], n, i + 2 < sizes.length ? (x) => x.relu() : null, rng));
  }

  forward(x: MLArray): MLArray {
    return this.layers.reduce((h, layer) => layer.forward(h), x);
  }
}

/**
 * Every trainable array reachable from `module` (an MLArray with `requiresGrad`), with
 * its path of property names and array indices, in a fixed order: the order the
 * properties were assigned. Each array is listed once, under the first path that
 * reaches it, so a shared (tied) weight is one parameter.
 */
export function namedParameters(module: object, prefix = ''): [string, MLArray][] {
  const out: [string, MLArray][] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof MLArray) {
      if (value.requiresGrad) out.push([path, value]);
      return;
    }
    if (ArrayBuffer.isView(value) || isRng(value)) return; // data, not modules
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, v] of entries) walk(v, path === '' ? key : `${path}.${key}`);
  };
  walk(module, prefix);
  return out;
}

/** The arrays of {@link namedParameters}, for the optimizer and clipping. */
export const parameters = (module: object): MLArray[] => namedParameters(module).map(([, p]) => p);
