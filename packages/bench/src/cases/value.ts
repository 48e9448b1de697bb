import { Value } from '@smolml/core';
import type { Case } from '../harness';
import { normal } from '../data';
import { MgValue } from '../micrograd';

const TERMS = 500_000, LEAVES = 1000;

/**
 * A 1M-node scalar graph (Σ xᵢ·wᵢ over 500 000 terms: 500 000 multiplications and
 * 500 000 additions) built and backpropagated with `Value`. No peer library has scalar
 * autograd, so the peer is a plain closure-based micrograd written in the bench (and
 * the original Python SmolML's quoted figure).
 */
export function valueCase(): Case {
  const xs = normal(LEAVES, 14), ws = normal(LEAVES, 15);
  return {
    id: 'value-1M',
    title: '1M scalar Value ops, build + backward',
    short: 'Value 1M ops',
    tolerance: 0,
    make: {
      smolml: () => {
        let out: number[] = [];
        return {
          run: () => {
            const x = Array.from(xs, (v) => new Value(v)), w = Array.from(ws, (v) => new Value(v));
            let acc = new Value(0);
            for (let i = 0; i < TERMS; i++) acc = acc.add(x[i % LEAVES].mul(w[i % LEAVES]));
            acc.backward();
            out = [acc.data, x[0].grad, w[0].grad, x[LEAVES - 1].grad];
          },
          result: () => out,
        };
      },
      micrograd: () => {
        let out: number[] = [];
        return {
          run: () => {
            const x = Array.from(xs, (v) => new MgValue(v)), w = Array.from(ws, (v) => new MgValue(v));
            let acc = new MgValue(0);
            for (let i = 0; i < TERMS; i++) acc = acc.add(x[i % LEAVES].mul(w[i % LEAVES]));
            acc.backward();
            out = [acc.data, x[0].grad, w[0].grad, x[LEAVES - 1].grad];
          },
          result: () => out,
        };
      },
    },
    quoted: { name: 'original SmolML (Python)', ms: 10_000, note: 'the issue quotes ≈0.1M Value ops built and backpropagated per second' },
  };
}
