// The SmolML side of the training cases: what a user writes with the packages.
import { type MLArray } from '@smolml/core';

/**
 * Mean softmax cross-entropy of `logits` [batch × classes] against one-hot `y`, in
 * the log-sum-exp form (max subtracted) every library uses for stability.
 */
export function softmaxCrossEntropy(logits: MLArray, y: MLArray): MLArray {
  const z = logits.sub(logits.max(-1, true).detach());
  const logp = z.sub(z.exp().sum(-1, true).log());
  return logp.mul(y).sum(-1).mean().neg();
}

/**
 * Adam exactly as DESIGN.md specifies it (bias-corrected, step count per parameter),
 * standing in until @smolml/optimizers exports its own.
 */
export class Adam {
  private readonly state = new Map<MLArray, { m: Float64Array; v: Float64Array; t: number }>();

  constructor(
    private readonly learningRate = 0.01,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {}

  step(params: Iterable<MLArray>): void {
    const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps } = this;
    for (const p of params) {
      const g = p.grad?.data;
      if (g === undefined) continue;
      let s = this.state.get(p);
      if (s === undefined) {
        s = { m: new Float64Array(p.size), v: new Float64Array(p.size), t: 0 };
        this.state.set(p, s);
      }
      const t = ++s.t, m = s.m, v = s.v, x = p.data;
      const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
      for (let i = 0; i < x.length; i++) {
        const gi = g[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        x[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
    }
  }
}
