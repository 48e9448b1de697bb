import { MLArray, customOp, noGrad, randn, zeros } from '@smolml/core';
import { FULL_POINTERS, calculateGraphSize, calculateMLArrayBreakdown } from '../src';

const FULL = { layout: FULL_POINTERS };
const L = FULL_POINTERS;

describe('calculateGraphSize', () => {
  it('reports a leaf alone as a graph of one node', () => {
    const a = randn(10);
    const g = calculateGraphSize(a, FULL);
    expect(g).toMatchObject({ nodes: 1, leafCount: 1, activations: 0, saved: 0, gradients: 0, byOp: [] });
    expect(g.leaves).toBe(calculateMLArrayBreakdown(a, FULL).total);
    expect(g.pendingGradients).toBe(80 + L.typedArray + L.arrayBuffer);
    expect(g.total).toBe(g.leaves);
  });

  it('separates leaves, activations and gradients, and adds up', () => {
    const x = randn([16, 8], { requiresGrad: false });
    const W = randn(8, 4), b = zeros(4);
    const loss = x.matmul(W).add(b).relu().sum();
    const g = calculateGraphSize(loss, FULL);
    expect(g.nodes).toBe(7);
    expect(g.leafCount).toBe(3);
    expect(g.total).toBe(g.leaves + g.activations + g.gradients);
    expect(g.peak).toBe(g.total + g.pendingGradients);
    expect(g.byOp.map((e) => e.op).sort()).toEqual(['add', 'matmul', 'relu', 'sum']);
    expect(g.byOp.reduce((s, e) => s + e.bytes, 0)).toBe(g.activations + g.gradients);
    // the activations hold at least the values of every intermediate: 3 × (16×4) + 1 numbers
    expect(g.activations).toBeGreaterThan(8 * (3 * 64 + 1));
  });

  it('predicts exactly the gradient buffers backward() allocates', () => {
    const x = randn([5, 3], { requiresGrad: false });
    const W = randn(3, 2);
    const loss = x.matmul(W).tanh().mean();
    const before = calculateGraphSize(loss, FULL);
    // W, the matmul output, the tanh output and the loss will each get a buffer; x will not
    const elements = 6 + 10 + 10 + 1;
    const perBuffer = L.typedArray + L.arrayBuffer;
    const onHeap = [6, 10, 10, 1].filter((n) => 8 * n <= L.onHeapTypedArrayMax).length;
    expect(before.pendingGradients).toBe(8 * elements + 4 * perBuffer + onHeap * L.fixedArrayHeader);
    loss.backward();
    const after = calculateGraphSize(loss, FULL);
    expect(after.pendingGradients).toBe(0);
    expect(after.gradients + (after.leaves - before.leaves)).toBe(before.pendingGradients);
    expect(after.activations).toBe(before.activations);
  });

  it('counts the broadcast copy a bias add keeps for backward', () => {
    const h = randn(64, 32), b = randn(32);
    const same = calculateGraphSize(h.add(randn(64, 32)), FULL);
    const broadcast = calculateGraphSize(h.add(b), FULL);
    expect(same.saved).toBeLessThan(8 * 64 * 32);
    // The copy (data, typed array, buffer) and the one-entry list core keeps it in.
    expect(broadcast.saved - same.saved).toBe(8 * 64 * 32 + L.typedArray + L.arrayBuffer + L.jsArray + L.fixedArrayHeader + L.tagged);
  });

  it('counts a reshape\'s shared values once', () => {
    const a = randn(100);
    const r = a.reshape(10, 10);
    const g = calculateGraphSize(r, FULL);
    // the reshape adds an array object, shape and closure, but no second 800-byte buffer
    expect(g.activations).toBeLessThan(800);
  });

  it('counts a node reached by two paths once', () => {
    const a = randn(50);
    const y = a.mul(a).add(a.exp());
    const g = calculateGraphSize(y, FULL);
    expect(g.nodes).toBe(4);
    expect(g.leafCount).toBe(1);
  });

  it('records nothing for arrays made under noGrad', () => {
    const y = noGrad(() => randn(20).exp());
    const g = calculateGraphSize(y, FULL);
    expect(g.nodes).toBe(1);
    expect(g.pendingGradients).toBe(0);
  });

  it('walks a 100 000-op chain without overflowing the stack', () => {
    let y = randn(1);
    for (let i = 0; i < 100_000; i++) y = y.mul(1.0000001);
    const g = calculateGraphSize(y, FULL);
    expect(g.nodes).toBe(100_001);
    expect(g.byOp).toEqual([expect.objectContaining({ op: 'mul', count: 100_000 })]);
  });

  it('counts a recorded node\'s closure as one constant, the same for every op', () => {
    const x = randn(50), y = randn(50);
    for (const out of [x.exp(), x.add(y), x.mul(3), x.sum(), x.matmul(y)]) {
      expect(calculateGraphSize(out, FULL).saved).toBe(L.recordedNode);
    }
  });

  it('counts exactly the buffers a customOp declares in saved, once each', () => {
    const x = randn(5), n = x.size;
    const square = (saved: ArrayBufferView[]): MLArray =>
      customOp('square', [x], x.data.map((v) => v * v), x.shape, (grad, [gx]) => {
        if (gx) for (let i = 0; i < grad.length; i++) gx[i] += 2 * x.data[i] * grad[i];
      }, { saved });
    const none = calculateGraphSize(square([]), FULL);
    expect(none.byOp[0]).toMatchObject({ op: 'square', count: 1 });
    // customOp copies the list: an empty list of its own, one JS array
    expect(none.saved).toBe(L.recordedNode + L.jsArray);
    const twice = new Float64Array(1000);
    const kept = calculateGraphSize(square([twice, new Float32Array(3), twice]), FULL);
    const list = L.jsArray + L.fixedArrayHeader + 3 * L.tagged;
    expect(kept.saved).toBe(L.recordedNode + list + 8000 + L.typedArray + L.arrayBuffer + 12 + L.typedArray + L.arrayBuffer + L.fixedArrayHeader + 4);
    // a saved buffer that is an input's own data is already counted with the input
    const aliased = calculateGraphSize(square([x.data]), FULL);
    expect(aliased.saved).toBe(L.recordedNode + L.jsArray + L.fixedArrayHeader + L.tagged);
    expect(aliased.leaves).toBe(none.leaves);
    expect(8 * n).toBeLessThan(L.onHeapTypedArrayMax);
  });

  it('counts float32 graphs at 4 bytes per element, gradients included', () => {
    const x = randn([16, 8], { requiresGrad: false, dtype: 'float32' });
    const W = randn([8, 4], { dtype: 'float32' });
    const loss = x.matmul(W).relu().sum();
    const g32 = calculateGraphSize(loss, FULL);
    const x64 = x.astype('float64'), W64 = W.astype('float64').detach();
    W64.requiresGrad = true;
    const g64 = calculateGraphSize(x64.matmul(W64).relu().sum(), FULL);
    // The matmul and relu outputs hold 2 × 64 elements at 4 bytes instead of 8; the
    // one-element loss takes 8 heap bytes either way (4 of float32 padded to 8).
    expect(g64.activations - g32.activations).toBe(4 * 2 * 64);
    // W, the matmul and relu outputs and the loss get float32 gradients
    expect(g32.pendingGradients).toBe(4 * (32 + 64 + 64 + 1) + 4 * (L.typedArray + L.arrayBuffer) + L.fixedArrayHeader + 4);
  });

  it('rejects what is not an MLArray, and bad options, naming the function', () => {
    expect(() => calculateGraphSize([1, 2] as unknown as MLArray)).toThrow(TypeError);
    expect(() => calculateGraphSize(undefined as unknown as MLArray)).toThrow(/calculateGraphSize: expected an MLArray, got undefined/);
    expect(() => calculateGraphSize(randn(2), 'full' as unknown as undefined)).toThrow(/calculateGraphSize: options must be an object/);
    const shell = { [Symbol.for('smolml.MLArray')]: true, data: new Float32Array(2), shape: [2], size: 2, requiresGrad: true, _prev: [] };
    expect(() => calculateGraphSize(shell as unknown as MLArray)).toThrow(/^calculateGraphSize: an MLArray's/);
  });
});
