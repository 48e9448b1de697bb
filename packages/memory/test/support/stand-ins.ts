// Small stand-ins for the real models and optimizers, which live in packages this one
// never imports. They have the same structure (that is all @smolml/memory reads).
import { type DType, MLArray, Rng, noGrad, randn, zeros } from '@smolml/core';

export function mse(yPred: MLArray, yTrue: MLArray): MLArray {
  return yPred.sub(yTrue).pow(2).mean();
}

/** Adam as @smolml/optimizers keeps it: two moment buffers and a step count per parameter. */
export class AdamStandIn {
  readonly m = new Map<MLArray, MLArray>();
  readonly v = new Map<MLArray, MLArray>();
  readonly t = new Map<MLArray, number>();
  constructor(readonly learningRate = 0.01, readonly beta1 = 0.9, readonly beta2 = 0.999, readonly epsilon = 1e-8) {}

  step(params: Iterable<MLArray>): void {
    noGrad(() => {
      for (const p of params) {
        const g = (p.grad as MLArray).data;
        if (!this.m.has(p)) {
          // State in the parameter's dtype, as @smolml/optimizers keeps it.
          this.m.set(p, zeros([...p.shape], { requiresGrad: false, dtype: p.dtype }));
          this.v.set(p, zeros([...p.shape], { requiresGrad: false, dtype: p.dtype }));
          this.t.set(p, 0);
        }
        const m = (this.m.get(p) as MLArray).data, v = (this.v.get(p) as MLArray).data;
        const t = (this.t.get(p) as number) + 1;
        this.t.set(p, t);
        const c1 = 1 - this.beta1 ** t, c2 = 1 - this.beta2 ** t;
        for (let i = 0; i < g.length; i++) {
          m[i] = this.beta1 * m[i] + (1 - this.beta1) * g[i];
          v[i] = this.beta2 * v[i] + (1 - this.beta2) * g[i] * g[i];
          p.data[i] -= (this.learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.epsilon);
        }
      }
    });
  }

  *stateArrays(): IterableIterator<MLArray> {
    yield* this.m.values();
    yield* this.v.values();
  }
}

/** Plain SGD keeps no state. */
export class SGDStandIn {
  constructor(readonly learningRate = 0.01) {}
  stateArrays(): MLArray[] {
    return [];
  }
}

export class DenseStandIn {
  readonly weights: MLArray;
  readonly biases: MLArray;
  constructor(fanIn: number, fanOut: number, rng: Rng, dtype: DType = 'float64') {
    const w = randn([fanIn, fanOut], { rng, requiresGrad: false, dtype }).data;
    const s = Math.sqrt(2 / fanIn);
    for (let i = 0; i < w.length; i++) w[i] *= s;
    this.weights = MLArray.from(w, [fanIn, fanOut]);
    this.biases = zeros([1, fanOut], { dtype });
  }
}

/** The original SmolML NeuralNetwork's structure: dense layers, ReLU between them. */
export class MLPStandIn {
  readonly layers: DenseStandIn[] = [];
  readonly lossFunction = mse;
  constructor(sizes: readonly number[], readonly optimizer: AdamStandIn | SGDStandIn | null = new AdamStandIn(), seed = 1, dtype: DType = 'float64') {
    const rng = new Rng(seed);
    for (let i = 0; i + 1 < sizes.length; i++) this.layers.push(new DenseStandIn(sizes[i], sizes[i + 1], rng, dtype));
  }

  forward(x: MLArray): MLArray {
    let h = x;
    for (let i = 0; i < this.layers.length; i++) {
      h = h.matmul(this.layers[i].weights).add(this.layers[i].biases);
      if (i < this.layers.length - 1) h = h.relu();
    }
    return h;
  }

  params(): MLArray[] {
    return this.layers.flatMap((l) => [l.weights, l.biases]);
  }

  /** One training step; afterwards every parameter has a gradient and the optimizer its state. */
  trainStep(x: MLArray, y: MLArray): void {
    const loss = this.lossFunction(this.forward(x), y);
    loss.backward();
    if (this.optimizer instanceof AdamStandIn) this.optimizer.step(this.params());
  }
}

/** The original SmolML DecisionNode's fields. */
export class DecisionNodeStandIn {
  constructor(
    public featureIdx: number | null = null,
    public threshold: number | null = null,
    public left: DecisionNodeStandIn | null = null,
    public right: DecisionNodeStandIn | null = null,
    public value: number | null = null,
  ) {}
}

export class DecisionTreeStandIn {
  root: DecisionNodeStandIn | null = null;
  constructor(
    public maxDepth: number | null = null,
    public minSamplesSplit = 2,
    public minSamplesLeaf = 1,
    public task = 'classification',
  ) {}
}

export class RandomForestStandIn {
  trees: DecisionTreeStandIn[] = [];
  constructor(
    public nTrees = 10,
    public maxFeatures: number | null = null,
    public bootstrap = true,
    public task = 'classification',
  ) {}
}

/** A full binary tree of `depth` edges: internal nodes split at fractional thresholds, leaves hold fractional values. */
export function fullTree(depth: number): DecisionNodeStandIn {
  let counter = 0;
  const build = (d: number): DecisionNodeStandIn => {
    counter++;
    if (d === depth) return new DecisionNodeStandIn(null, null, null, null, counter + 0.5);
    return new DecisionNodeStandIn(d, counter + 0.25, build(d + 1), build(d + 1));
  };
  return build(0);
}

export function trainedTree(depth: number): DecisionTreeStandIn {
  const t = new DecisionTreeStandIn(depth);
  t.root = fullTree(depth);
  return t;
}
