// Every differentiable indexing, joining and mask op against central finite
// differences (float64). Each result is squared and weighted before gradCheck sums
// it, so the gradient reaching the op is different at every position and a gradient
// routed to the wrong element (or dropped, or counted once for a duplicate) shows.
import { MLArray, Rng, concat, gradCheck, randn, stack, where } from '../src';

const rng = new Rng(11);
const r = (...shape: number[]): MLArray => randn(shape, { rng });
const weightFor = (y: MLArray): MLArray => MLArray.from(Array.from({ length: y.size }, (_, i) => 0.5 + ((i * 7) % 5) / 4), y.shape, { requiresGrad: false });
const probe = (y: MLArray): MLArray => y.mul(y).mul(weightFor(y));

function expectOk(fn: (...xs: MLArray[]) => MLArray, inputs: MLArray[]): void {
  const res = gradCheck((...xs) => probe(fn(...xs)), inputs);
  if (!res.ok) throw new Error(res.message);
  expect(res.ok).toBe(true);
}

const cases: [string, (...xs: MLArray[]) => MLArray, () => MLArray[]][] = [
  ['slice [:, 0:3]', (x) => x.slice([], [0, 3]), () => [r(3, 5)]],
  ['slice [::-1, 1::2]', (x) => x.slice([null, null, -1], [1, null, 2]), () => [r(4, 5)]],
  ['slice [-1, ::-2, None]', (x) => x.slice(-1, [null, null, -2], null), () => [r(2, 5, 3)]],
  ['slice clamped [-100:100:3]', (x) => x.slice([-100, 100, 3]), () => [r(7)]],
  ['take with duplicates', (x) => x.take([2, 0, 2, 2, -1]), () => [r(4, 3)]],
  ['take 2-d indices on axis 1', (x) => x.take(new MLArray([[1, 1], [0, 2]]), 1), () => [r(2, 3, 2)]],
  ['takeAlongAxis with duplicates', (x) => x.takeAlongAxis(new MLArray([[1, 1, 0], [2, 2, 2]]), 1), () => [r(2, 3)]],
  ['takeAlongAxis broadcasting both', (x) => x.takeAlongAxis(new MLArray([[[0], [2]]]), 2), () => [r(3, 1, 4)]],
  ['concat three parts, axis 1', (a, b, c) => concat([a, b, c], 1), () => [r(2, 1), r(2, 3), r(2, 2)]],
  ['concat the same array twice', (a) => concat([a, a], 0), () => [r(2, 2)]],
  ['stack axis -1', (a, b) => stack([a, b], -1), () => [r(2, 3), r(2, 3)]],
  ['split pieces recombined', (x) => {
    const [p, q, s] = x.split([1, 2, 1], 1);
    return p.mul(2).add(q.sum(1, true)).sub(s.mul(s));
  }, () => [r(3, 4)]],
  ['where with broadcasting', (a, b) => where(new MLArray([[1, 0, 1]], { requiresGrad: false }), a, b), () => [r(2, 3), r(2, 1)]],
  ['where with a number branch', (a) => where(new MLArray([0, 1, 1, 0], { requiresGrad: false }), a, 0.5), () => [r(4)]],
  ['where with the same array both ways', (a) => where(new MLArray([0, 1, 1], { requiresGrad: false }), a, a.mul(3)), () => [r(3)]],
  ['squeeze', (x) => x.squeeze(), () => [r(2, 1, 3)]],
  ['unsqueeze', (x) => x.unsqueeze(1), () => [r(2, 3)]],
  ['flatten', (x) => x.flatten(1), () => [r(2, 3, 2)]],
  ['broadcastTo', (x) => x.broadcastTo([2, 3, 4]), () => [r(3, 1)]],
];

describe('gradCheck: indexing, joining, masks', () => {
  test.each(cases)('%s', (_name, fn, inputs) => {
    expectOk(fn, inputs());
  });
});
