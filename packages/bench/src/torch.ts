// js-pytorch: "a JavaScript library like PyTorch, built from scratch". Tensors hold
// nested JavaScript arrays of numbers, so it computes in float64.
//
// Two of its building blocks do not compute what their names say, so the cases build
// them from its own ops instead, as a careful user would:
// - `nn.ReLU` multiplies by a mask of 1 and 1e-3 (a leaky ReLU with slope 0.001); the
//   real one is {@link relu} below, `masked_fill` of the negatives with 0.
// - `optim.Adam` has no bias correction (its first steps are 1/(1-β) times too small or
//   large) and adds ε to √v; {@link TorchAdam} is the textbook update, written with
//   its tensor ops.
// It depends on a WebGL/GPU package whose native `gl` build script cannot run here;
// pnpm 10 runs no dependency build scripts unless listed in onlyBuiltDependencies, and
// js-pytorch only loads that package for tensors on device 'gpu', which no case uses.
import type { Contender } from './harness';

// Loaded with import() (a require() in the CommonJS bundle), typed from that import.
const load = () => import('js-pytorch');
export type Torch = Awaited<ReturnType<typeof load>>['torch'];
export type Tensor = InstanceType<Torch['Tensor']>;
/** A nested JavaScript array, js-pytorch's storage. */
export type Nested = number[] | Nested[];

let mod: Torch | null = null;

export async function initTorch(): Promise<Torch> {
  if (mod === null) mod = (await load()).torch;
  return mod;
}

export function torch(): Torch {
  if (mod === null) throw new Error('bench: js-pytorch used before initTorch()');
  return mod;
}

export function torchContender(): Contender {
  return { id: 'torch', name: 'js-pytorch', precision: 'float64', role: 'peer', enter: () => {} };
}

/** `flat` (row-major) as nested arrays of `shape`. */
export function nest(flat: ArrayLike<number>, shape: readonly number[], offset = 0): Nested {
  if (shape.length === 1) return Array.from({ length: shape[0] }, (_, i) => flat[offset + i]);
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) => nest(flat, shape.slice(1), offset + i * inner)) as Nested;
}

/** A tensor of `flat` in `shape`. */
export function ttensor(flat: ArrayLike<number>, shape: readonly number[], requiresGrad = false): Tensor {
  return torch().tensor(nest(flat, shape), requiresGrad);
}

/** The numbers of a nested array, row-major. */
export function flat(x: Nested | number): number[] {
  return Array.isArray(x) ? (x as unknown[]).flat(Infinity as 1) as number[] : [x];
}

/** max(x, 0), differentiable: js-pytorch's `masked_fill` zeroes the negatives and their gradients. */
export function relu(x: Tensor): Tensor {
  return x.masked_fill(x, (v: number) => v <= 0, 0);
}

/**
 * Adam as PyTorch defines it (bias-corrected moments, ε added to the corrected √v):
 * m ← β₁m + (1-β₁)g, v ← β₂v + (1-β₂)g², p ← p - lr·(m/(1-β₁ᵗ)) / (√(v/(1-β₂ᵗ)) + ε),
 * in js-pytorch's tensor ops. The moments are plain tensors (no graph).
 */
export class TorchAdam {
  private t = 0;
  private readonly m: Tensor[];
  private readonly v: Tensor[];

  constructor(private readonly params: Tensor[], private readonly lr: number, private readonly b1: number, private readonly b2: number, private readonly eps: number) {
    this.m = params.map((p) => torch().zeros(p.shape));
    this.v = params.map((p) => torch().zeros(p.shape));
  }

  /** Clears the gradients and the graph links of every parameter (js-pytorch's own `zero_grad`). */
  zeroGrad(): void {
    for (const p of this.params) p.zero_grad();
  }

  step(): void {
    this.t++;
    const c1 = 1 - this.b1 ** this.t, c2 = 1 - this.b2 ** this.t;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      const g = torch().tensor(p._grad.data);
      this.m[i] = this.m[i].mul(this.b1).add(g.mul(1 - this.b1));
      this.v[i] = this.v[i].mul(this.b2).add(g.mul(g).mul(1 - this.b2));
      const update = this.m[i].div(c1).mul(this.lr).div(this.v[i].div(c2).sqrt().add(this.eps));
      // Through a graph-free view of p: on p itself js-pytorch would link the update
      // into p's graph (its own Adam does, and relies on zero_grad to cut it).
      p._data = torch().tensor(p._data).sub(update)._data;
    }
  }
}
