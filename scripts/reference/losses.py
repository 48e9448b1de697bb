"""PyTorch reference values for @smolml/losses (forward values and gradients), and the
Keras-convention values of the original SmolML loss test's three cases.

Regenerate (from the repository root):
    apt-get install -y python3-torch        # Debian's torch, for /usr/bin/python3
    /usr/bin/python3 scripts/reference/losses.py

Writes
  packages/losses/test/fixtures/losses-reference.json
      read by packages/losses/test/reference.test.ts. Same case format as
      core-reference.json (see README.md): `op` is the SmolML function, `inputs` are
      [yPred, yTrue] (for sparseCategoricalCrossEntropy yTrue is the integer labels,
      whose gradient is null), `args` is the options object passed to the function
      (`reduction`, `delta`, `eps`, `labelSmoothing`, `fromLogits`, `axis`; for
      huberLoss, `"positional": true` means huberLoss(yPred, yTrue, delta, {reduction})).
      `grads` are d(sum(out * w))/d(input); null where not compared.
  packages/losses/test/fixtures/losses-reference-f32.json
      the same cases with float32 inputs and weights, computed by PyTorch in float32,
      read by the same test. Every output and gradient tensor adds `scale` (see
      MAGNITUDES below and common.py), since the tests compare at 1e-5 relative to
      max(|reference|, scale). In float32 the probability clip's upper end is
      upper_clip(): 1 - eps, or the largest float32 below 1 where that rounds to 1.
  packages/losses/test/fixtures/keras-reference.json
      read by packages/losses/test/keras.test.ts: the regression, binary and
      multi-class cases, each loss evaluated with the Keras 3 formulas written out in
      numpy below (TensorFlow itself is not installable here), beside PyTorch's value.

Each loss is computed in torch with its definition written out (so our conventions,
e.g. BCE's clipping at eps = 1e-15, are what is checked), and the script asserts that it
agrees with torch's own function (F.mse_loss, F.binary_cross_entropy, F.cross_entropy,
F.kl_div, F.cosine_similarity, ...) wherever the two conventions coincide.
"""
import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (Draw, as_float32, generator_tag, generator_tag_f32, to_json, to_json_scaled,  # noqa: E402
                    write_fixture)

torch.manual_seed(0)
D = Draw(seed=20240605)
F = torch.nn.functional
F64 = torch.float64
F32 = torch.float32
cases = []
replays = []  # every case again in float32, after the float64 fixture (see the float32 section)


def close(a, b, what):
    a, b = np.asarray(a.detach() if isinstance(a, torch.Tensor) else a), np.asarray(
        b.detach() if isinstance(b, torch.Tensor) else b)
    assert a.shape == b.shape and np.allclose(a, b, rtol=1e-12, atol=1e-14), what


def reduce(per, reduction):
    return per.mean() if reduction == "mean" else per.sum() if reduction == "sum" else per


def add_case(name, op, pred, true, args, fn, true_grad=True, labels=False):
    """fn(p, t) -> (differentiated, cross-check or None). `labels`: t is integer class labels (no grad)."""
    p = torch.tensor(pred, dtype=F64, requires_grad=True)
    t = torch.tensor(true, dtype=F64 if not labels else torch.int64, requires_grad=not labels and true_grad)
    out, official = fn(p, t)
    if official is not None:
        close(out, official, name + " vs torch's own function")
    w = D.uniform(tuple(out.shape), 0.5, 1.5)
    (out * torch.tensor(w, dtype=F64)).sum().backward()
    grads = [to_json(p.grad), to_json(t.grad) if (t.requires_grad and t.grad is not None) else None]
    case = {"name": name, "op": op, "inputs": [to_json(pred), to_json(np.asarray(true, dtype=np.float64))],
            "args": args, "out": to_json(out), "w": to_json(w), "grads": grads}
    for part in [case["out"]] + [g for g in grads if g is not None]:
        assert all(np.isfinite(part["data"])), name
    cases.append(case)
    replays.append((name, op, pred, true, args, fn, true_grad, labels, w))


def label(args):
    return " ".join("%s=%s" % kv for kv in args.items())


def one_hot(shape, k):
    idx = D.rs.randint(0, k, size=shape)
    return np.eye(k)[idx], idx


def probs(shape, scale=1.5):
    z = D.rs.standard_normal(shape) * scale
    e = np.exp(z - z.max(-1, keepdims=True))
    return np.round(e / e.sum(-1, keepdims=True), 6).clip(1e-6, 1)


def smooth(t, s, spread):
    return t * (1 - s) + s * spread if s else t


def upper_clip(dtype, eps):
    """1 - eps, except where it rounds to 1 in float32: there the largest float32 below 1 (as ours)."""
    hi = 1 - eps
    return 1 - 2.0 ** -24 if dtype == torch.float32 and np.float32(hi) == 1 else hi


# ------------------------------------------------------------------ regression losses
for shape in ((6,), (4, 3), (2, 3, 2)):
    for reduction in ("mean", "sum", "none"):
        args = {} if reduction == "mean" else {"reduction": reduction}
        pred, true = D.normal(shape, 1.5), D.normal(shape, 1.5)
        add_case("mseLoss %s %s" % (list(shape), reduction), "mseLoss", pred, true, args,
                 lambda p, t, reduction=reduction: (reduce((p - t) ** 2, reduction),  # bound now: replayed later
                                                    F.mse_loss(p, t, reduction=reduction)))
        true2 = np.round(pred + D.away(shape, 0.05, 2.0), 6)  # no zero errors (|x| kink)
        add_case("maeLoss %s %s" % (list(shape), reduction), "maeLoss", pred, true2, args,
                 lambda p, t, reduction=reduction: (reduce((p - t).abs(), reduction),
                                                    F.l1_loss(p, t, reduction=reduction)))


def huber_ref(delta, reduction):
    def fn(p, t):
        e = p - t
        per = torch.where(e.abs() <= delta, 0.5 * e * e, delta * (e.abs() - 0.5 * delta))
        return reduce(per, reduction), F.huber_loss(p, t, reduction=reduction, delta=delta)
    return fn


for delta in (1.0, 0.5, 2.5):
    for shape, reduction in (((4, 3), "mean"), ((8,), "sum"), ((2, 3, 2), "none")):
        pred = D.normal(shape, 2.0)
        err = D.away(shape, 0.05, 3.5 * delta)
        err = np.where(np.abs(np.abs(err) - delta) < 0.02, err * 1.1, err)  # away from the seam
        true = np.round(pred - err, 6)
        args = {"delta": delta} if delta != 1.0 else {}
        if reduction != "mean":
            args["reduction"] = reduction
        add_case("huberLoss %s %s" % (list(shape), label(args) or "defaults"), "huberLoss", pred, true, args,
                 huber_ref(delta, reduction))
pred = D.normal((5,), 2.0)
add_case("huberLoss positional delta=1.5 sum", "huberLoss", pred, np.round(pred - D.away((5,), 0.1, 4), 6),
         {"delta": 1.5, "reduction": "sum", "positional": True}, huber_ref(1.5, "sum"))


# ------------------------------------------------------------------ binary cross-entropy
def bce_ref(eps, s, reduction):
    def fn(p, t):
        t2 = smooth(t, s, 0.5)
        c = p.clamp(eps, upper_clip(p.dtype, eps))
        ours = reduce(-(t2 * torch.log(c) + (1 - t2) * torch.log(1 - c)), reduction)
        inside = bool(((p >= eps) & (p <= 1 - eps)).all())
        return ours, F.binary_cross_entropy(p, t2, reduction=reduction) if inside else None
    return fn


for shape in ((6,), (4, 3)):
    for soft in (False, True):
        for args in ({}, {"reduction": "sum"}, {"reduction": "none"}, {"labelSmoothing": 0.1},
                     {"eps": 1e-7, "labelSmoothing": 0.2, "reduction": "none"}):
            pred = D.uniform(shape, 0.02, 0.98)
            true = D.uniform(shape, 0, 1) if soft else (D.uniform(shape, 0, 1) < 0.5).astype(np.float64)
            add_case("binaryCrossEntropy %s %s labels %s" % (list(shape), "soft" if soft else "hard", label(args)),
                     "binaryCrossEntropy", pred, true, args,
                     bce_ref(args.get("eps", 1e-15), args.get("labelSmoothing", 0), args.get("reduction", "mean")))
# probabilities at and beyond the clip: losses stay finite, gradients are 0 where clipped
edge = np.array([0.0, 1.0, 1e-20, 1 - 1e-17, 1e-15, 0.5, 1e-9, 1 - 1e-9])
edge_t = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0])
for args in ({"reduction": "none"}, {"eps": 1e-7, "reduction": "none"}, {}):
    add_case("binaryCrossEntropy clipped edges %s" % (label(args) or "defaults"), "binaryCrossEntropy", edge, edge_t,
             args, bce_ref(args.get("eps", 1e-15), 0, args.get("reduction", "mean")))


def bce_logits_ref(s, reduction):
    def fn(p, t):
        t2 = smooth(t, s, 0.5)
        ours = reduce(torch.relu(p) - p * t2 + torch.log1p(torch.exp(-p.abs())), reduction)
        # differentiate torch's own function: the written-out form's relu and |z| have
        # kinks at z = 0, where its gradient would be off (the loss itself is smooth there)
        return F.binary_cross_entropy_with_logits(p, t2, reduction=reduction), ours
    return fn


for shape in ((6,), (4, 3), (2, 2, 3)):
    for args in ({}, {"reduction": "sum"}, {"reduction": "none"}, {"labelSmoothing": 0.1}):
        pred = D.normal(shape, 3.0)
        true = (D.uniform(shape, 0, 1) < 0.5).astype(np.float64) if len(shape) != 2 else D.uniform(shape, 0, 1)
        add_case("binaryCrossEntropyWithLogits %s %s" % (list(shape), label(args) or "defaults"),
                 "binaryCrossEntropyWithLogits", pred, true, args,
                 bce_logits_ref(args.get("labelSmoothing", 0), args.get("reduction", "mean")))
big = np.array([1e4, -1e4, 1e4, -1e4, 800.0, -800.0, 40.0, -40.0, 0.0])
big_t = np.array([1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.5])
for args in ({"reduction": "none"}, {}, {"labelSmoothing": 0.05, "reduction": "none"}):
    add_case("binaryCrossEntropyWithLogits extreme %s" % (label(args) or "defaults"), "binaryCrossEntropyWithLogits",
             big, big_t, args, bce_logits_ref(args.get("labelSmoothing", 0), args.get("reduction", "mean")))


# ------------------------------------------------------------------ categorical cross-entropy
def cce_ref(eps, s, reduction):
    def fn(p, t):
        k = p.shape[-1]
        t2 = smooth(t, s, 1.0 / k)
        return reduce(-(t2 * torch.log(p.clamp(eps, upper_clip(p.dtype, eps)))).sum(-1), reduction), None
    return fn


def cce_logits_ref(s, reduction):
    def fn(p, t):
        k = p.shape[-1]
        ours = reduce(-(smooth(t, s, 1.0 / k) * torch.log_softmax(p, -1)).sum(-1), reduction)
        zp, tp = (p.movedim(-1, 1), t.movedim(-1, 1)) if p.dim() > 2 else (p, t)
        official = F.cross_entropy(zp, tp, reduction=reduction, label_smoothing=s) if p.dim() >= 2 else None
        return ours, official
    return fn


for shape in ((5,), (4, 5), (2, 3, 4)):
    for soft in (False, True):
        for args in ({}, {"reduction": "sum"}, {"reduction": "none"}, {"labelSmoothing": 0.1},
                     {"eps": 1e-7, "reduction": "none"}):
            pred = probs(shape)
            true = probs(shape, 1.0) if soft else one_hot(shape[:-1], shape[-1])[0]
            kind = "soft" if soft else "one-hot"
            add_case("categoricalCrossEntropy %s %s %s" % (list(shape), kind, label(args)), "categoricalCrossEntropy",
                     pred, true, args,
                     cce_ref(args.get("eps", 1e-15), args.get("labelSmoothing", 0), args.get("reduction", "mean")))
            if "eps" in args:
                continue
            logits = D.normal(shape, 3.0)
            add_case("categoricalCrossEntropyWithLogits %s %s %s" % (list(shape), kind, label(args)),
                     "categoricalCrossEntropyWithLogits", logits, true, args,
                     cce_logits_ref(args.get("labelSmoothing", 0), args.get("reduction", "mean")))
edge = np.array([[0.0, 1.0, 0.0], [1e-20, 0.5, 0.5], [1e-9, 0.999999999, 0.0]])
edge_t = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
add_case("categoricalCrossEntropy clipped edges", "categoricalCrossEntropy", edge, edge_t, {"reduction": "none"},
         cce_ref(1e-15, 0, "none"))
big = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, -1e4], [1e4, 1e4, -1e4], [0.0, 0.0, 0.0]])
big_t = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])
for args in ({"reduction": "none"}, {"labelSmoothing": 0.1}):
    add_case("categoricalCrossEntropyWithLogits extreme %s" % label(args), "categoricalCrossEntropyWithLogits",
             big, big_t, args, cce_logits_ref(args.get("labelSmoothing", 0), args.get("reduction", "mean")))


# ------------------------------------------------------------------ sparse categorical cross-entropy
def sparse_ref(from_logits, eps, s, reduction):
    def fn(p, labels):
        k = p.shape[-1]
        t = F.one_hot(labels, k).to(p.dtype)
        if from_logits:
            ours = reduce(-(smooth(t, s, 1.0 / k) * torch.log_softmax(p, -1)).sum(-1), reduction)
            zp = p.movedim(-1, 1) if p.dim() > 2 else p
            return ours, F.cross_entropy(zp, labels, reduction=reduction, label_smoothing=s)
        hi = upper_clip(p.dtype, eps)
        ours = reduce(-(smooth(t, s, 1.0 / k) * torch.log(p.clamp(eps, hi))).sum(-1), reduction)
        lp = torch.log(p.clamp(eps, hi))
        return ours, (F.nll_loss(lp.movedim(-1, 1) if p.dim() > 2 else lp, labels, reduction=reduction)
                      if s == 0 else None)
    return fn


for shape in ((6, 4), (2, 3, 5), (4,)):
    for args in ({}, {"fromLogits": True}, {"reduction": "none"}, {"fromLogits": True, "reduction": "sum"},
                 {"labelSmoothing": 0.1}, {"fromLogits": True, "labelSmoothing": 0.2, "reduction": "none"},
                 {"eps": 1e-7, "reduction": "none"}):
        logits = args.get("fromLogits", False)
        pred = D.normal(shape, 3.0) if logits else probs(shape)
        labels = D.rs.randint(0, shape[-1], size=shape[:-1])
        add_case("sparseCategoricalCrossEntropy %s %s" % (list(shape), label(args) or "defaults"),
                 "sparseCategoricalCrossEntropy", pred, labels, args,
                 sparse_ref(logits, args.get("eps", 1e-15), args.get("labelSmoothing", 0), args.get("reduction", "mean")),
                 labels=True)


# ------------------------------------------------------------------ KL divergence, hinge, cosine
def kl_ref(eps, reduction):
    def fn(p, t):
        lp = torch.log(p.clamp(eps, 1))
        ours = reduce((torch.xlogy(t, t) - t * lp).sum(-1), reduction)
        return ours, reduce(F.kl_div(lp, t, reduction="none").sum(-1), reduction)
    return fn


for shape in ((5,), (4, 5), (2, 3, 4)):
    for args in ({}, {"reduction": "sum"}, {"reduction": "none"}):
        add_case("klDivergence %s %s" % (list(shape), label(args) or "defaults"), "klDivergence", probs(shape),
                 probs(shape, 1.0), args, kl_ref(1e-15, args.get("reduction", "mean")))
zero_t = np.array([[0.0, 0.3, 0.7], [0.5, 0.0, 0.5], [1.0, 0.0, 0.0]])
zero_p = np.array([[0.2, 0.3, 0.5], [0.0, 0.6, 0.4], [0.9, 0.05, 0.05]])
add_case("klDivergence zero targets and a zero prediction", "klDivergence", zero_p, zero_t, {"reduction": "none"},
         kl_ref(1e-15, "none"), true_grad=False)
add_case("klDivergence eps=1e-7", "klDivergence", zero_p, zero_t, {"eps": 1e-7}, kl_ref(1e-7, "mean"),
         true_grad=False)


def hinge_ref(reduction):
    return lambda p, t: (reduce(torch.clamp(1 - t * p, min=0), reduction), None)


for shape in ((8,), (4, 3)):
    for args in ({}, {"reduction": "sum"}, {"reduction": "none"}):
        pred = D.normal(shape, 1.5)
        true = np.where(D.uniform(shape, 0, 1) < 0.5, -1.0, 1.0)
        pred = np.where(np.abs(1 - true * pred) < 0.05, pred + 0.2, pred)  # away from the hinge
        add_case("hingeLoss %s %s" % (list(shape), label(args) or "defaults"), "hingeLoss", pred, true, args,
                 hinge_ref(args.get("reduction", "mean")))


def cosine_ref(axis, eps, reduction):
    def fn(p, t):
        dot = (p * t).sum(axis)
        n1 = torch.sqrt((p * p).sum(axis).clamp_min(eps * eps))
        n2 = torch.sqrt((t * t).sum(axis).clamp_min(eps * eps))
        ours = reduce(1 - dot / (n1 * n2), reduction)
        return ours, reduce(1 - F.cosine_similarity(p, t, dim=axis, eps=eps), reduction)
    return fn


for shape, axis in (((4, 6), -1), ((4, 6), 0), ((2, 3, 4), 1), ((2, 3, 4), -1), ((5,), 0)):
    for args in ({}, {"reduction": "none"}, {"reduction": "sum"}):
        a = dict(args)
        if axis != -1:
            a["axis"] = axis
        add_case("cosineSimilarityLoss %s %s" % (list(shape), label(a) or "defaults"), "cosineSimilarityLoss",
                 D.normal(shape), D.normal(shape), a, cosine_ref(axis, 1e-8, args.get("reduction", "mean")))
zero = np.array([[0.0, 0.0, 0.0], [1.0, 2.0, -1.0]])
add_case("cosineSimilarityLoss zero vector", "cosineSimilarityLoss", zero, np.array([[1.0, 0.5, 0.0], [0.0, 0.0, 0.0]]),
         {"reduction": "none", "eps": 1e-6}, lambda p, t: (cosine_ref(-1, 1e-6, "none")(p, t)[0], None))

path, size = write_fixture("packages/losses/test/fixtures/losses-reference.json", generator_tag("losses.py"), cases)
print("wrote %s (%d cases, %d bytes)" % (path, len(cases), size))


# ------------------------------------------------------------------ float32
# Every case again with float32 inputs and weights, computed by PyTorch in float32 with
# the same definitions (cross-checked against torch's own functions in float64 above).
# MAGNITUDES[op](p, t, args) gives, in float64 and before the reduction, the sum of the
# magnitudes of the terms each loss adds up (per element, or per sample), and the same
# for its derivatives with respect to p and t (README: "float32 fixtures"). A log of a
# sum of positive terms counts 1 beside its own magnitude: the sum's relative rounding
# becomes an absolute error of the log.


def _args(a):
    return a.get("reduction", "mean"), a.get("labelSmoothing", 0.0), a.get("eps", 1e-15)


def mag_mse(p, t, a):
    e = np.abs(p - t)
    return e * e, 2 * e, 2 * e


def mag_mae(p, t, a):
    return np.abs(p - t), np.ones_like(p), np.ones_like(p)


def mag_huber(p, t, a):
    d = a.get("delta", 1.0)
    e = np.abs(p - t)
    return np.where(e <= d, 0.5 * e * e, d * (e - 0.5 * d)), np.minimum(e, d), np.minimum(e, d)


def mag_bce(p, t, a):
    _, s, eps = _args(a)
    hi = upper_clip(torch.float32, eps)
    t2 = t * (1 - s) + s * 0.5
    c = np.clip(p, eps, hi)
    inside = (p >= eps) & (p <= hi)
    lc, l1c = np.abs(np.log(c)), np.abs(np.log(1 - c))
    return t2 * lc + (1 - t2) * l1c, inside * (t2 / c + (1 - t2) / (1 - c)), (1 - s) * (lc + l1c)


def mag_bce_logits(z, t, a):
    # torch: (1 - t) * z + mv + log(exp(-mv) + exp(-z - mv)), mv = max(-z, 0); grad sigma(z) - t
    _, s, _ = _args(a)
    t2 = t * (1 - s) + s * 0.5
    mv = np.maximum(-z, 0)
    log_term = np.abs(np.log(np.exp(-mv) + np.exp(-z - mv))) + 1
    sig = 0.5 * (1 + np.tanh(0.5 * z))
    return np.abs(z) * (1 + t2) + mv + log_term, sig + t2, (1 - s) * np.abs(z)


def mag_cce(p, t, a):
    _, s, eps = _args(a)
    k = p.shape[-1]
    hi = upper_clip(torch.float32, eps)
    t2 = t * (1 - s) + s / k
    c = np.clip(p, eps, hi)
    inside = (p >= eps) & (p <= hi)
    lc = np.abs(np.log(c))
    return (t2 * lc).sum(-1), inside * t2 / c, (1 - s) * lc


def mag_cce_logits(z, t, a):
    _, s, _ = _args(a)
    k = z.shape[-1]
    t2 = t * (1 - s) + s / k
    m = z.max(-1, keepdims=True)
    log_s = np.log(np.exp(z - m).sum(-1, keepdims=True))
    lsm = np.abs(z - m) + np.abs(log_s) + 1
    soft = np.exp(z - m - log_s)
    return (t2 * lsm).sum(-1), soft * t2.sum(-1, keepdims=True) + t2, (1 - s) * lsm


def mag_sparse(p, labels, a):
    k = p.shape[-1]
    onehot = np.eye(k)[labels]
    val, dp, _ = (mag_cce_logits if a.get("fromLogits") else mag_cce)(p, onehot, a)
    return val, dp, None


def mag_kl(p, t, a):
    _, _, eps = _args(a)
    c = np.clip(p, eps, 1)
    inside = (p >= eps) & (p <= 1)
    with np.errstate(divide="ignore"):
        lt = np.where(t > 0, np.abs(np.log(np.where(t > 0, t, 1))), 0)
    lc = np.abs(np.log(c))
    return (t * lt + t * lc).sum(-1), inside * t / c, lt + 1 + lc


def mag_hinge(p, t, a):
    active = (1 - t * p) > 0
    return active * (1 + np.abs(t * p)), active * np.abs(t), active * np.abs(p)


def mag_cosine(p, t, a):
    axis, eps = a.get("axis", -1), a.get("eps", 1e-8)
    n1 = np.sqrt(np.maximum((p * p).sum(axis, keepdims=True), eps * eps))
    n2 = np.sqrt(np.maximum((t * t).sum(axis, keepdims=True), eps * eps))
    cross = np.abs(p * t).sum(axis, keepdims=True)
    val = 1 + cross / (n1 * n2)
    dp = np.abs(t) / (n1 * n2) + cross * np.abs(p) / (n1 ** 3 * n2)
    dt = np.abs(p) / (n1 * n2) + cross * np.abs(t) / (n1 * n2 ** 3)
    return np.squeeze(val, axis), dp, dt


MAGNITUDES = {
    "mseLoss": mag_mse, "maeLoss": mag_mae, "huberLoss": mag_huber, "binaryCrossEntropy": mag_bce,
    "binaryCrossEntropyWithLogits": mag_bce_logits, "categoricalCrossEntropy": mag_cce,
    "categoricalCrossEntropyWithLogits": mag_cce_logits, "sparseCategoricalCrossEntropy": mag_sparse,
    "klDivergence": mag_kl, "hingeLoss": mag_hinge, "cosineSimilarityLoss": mag_cosine,
}
PER_SAMPLE_AXIS = {"categoricalCrossEntropy": -1, "categoricalCrossEntropyWithLogits": -1,
                   "sparseCategoricalCrossEntropy": -1, "klDivergence": -1}


def scales(op, p, t, args, w):
    """Scales of the reduced output and of both gradients, for the upstream weight w."""
    val, dp, dt = MAGNITUDES[op](p, t, args)
    reduction = args.get("reduction", "mean")
    w = np.abs(np.asarray(w, dtype=np.float64))
    if reduction == "none":
        out_scale, up = val, w
    elif reduction == "sum":
        out_scale, up = np.sum(val), np.full(np.shape(val), w)
    else:
        out_scale, up = np.sum(val) / max(np.size(val), 1), np.full(np.shape(val), w / max(np.size(val), 1))
    axis = args.get("axis", -1) if op == "cosineSimilarityLoss" else PER_SAMPLE_AXIS.get(op)
    if axis is not None:  # one loss per vector along `axis`: its upstream weight reaches every element
        up = np.expand_dims(up, axis)
    return out_scale, up * dp, None if dt is None else up * dt


cases32 = []
for name, op, pred, true, args, fn, true_grad, labels, w in replays:
    p32, w32 = as_float32(pred), as_float32(w)
    t32 = np.asarray(true) if labels else as_float32(true)
    p = torch.tensor(p32, dtype=F32, requires_grad=True)
    t = torch.tensor(t32, dtype=F32 if not labels else torch.int64, requires_grad=not labels and true_grad)
    out, _ = fn(p, t)
    assert out.dtype == F32, name
    (out * torch.tensor(w32, dtype=F32)).sum().backward()
    s_out, s_p, s_t = scales(op, p32, t32, args, w32)
    grads = [to_json_scaled(p.grad, s_p),
             to_json_scaled(t.grad, s_t) if (t.requires_grad and t.grad is not None) else None]
    case = {"name": name, "op": op, "inputs": [to_json(p32), to_json(np.asarray(t32, dtype=np.float64))],
            "args": args, "out": to_json_scaled(out, s_out), "w": to_json(w32), "grads": grads}
    for part in [case["out"]] + [g for g in grads if g is not None]:
        assert all(np.isfinite(part["data"])), name
    cases32.append(case)

path, size = write_fixture("packages/losses/test/fixtures/losses-reference-f32.json", generator_tag_f32("losses.py"),
                           cases32)
print("wrote %s (%d cases, %d bytes)" % (path, len(cases32), size))


# ------------------------------------------------------------------ Keras conventions (numpy)
# The three cases of the original SmolML loss test, with each loss written out as Keras 3
# defines it (keras/src/losses/losses.py and keras/src/backend/numpy/nn.py): reduce over
# the last axis, then average over the batch ("sum_over_batch_size"); epsilon() = 1e-7.
KERAS_EPS = 1e-7


def keras_mse(y, p):
    return np.mean(np.mean(np.square(p - y), axis=-1))


def keras_mae(y, p):
    return np.mean(np.mean(np.abs(p - y), axis=-1))


def keras_huber(y, p, delta=1.0):
    e = p - y
    a = np.abs(e)
    per = np.where(a <= delta, 0.5 * e * e, delta * a - 0.5 * delta * delta)
    return np.mean(np.mean(per, axis=-1))


def keras_bce(y, p):
    p = np.clip(p, KERAS_EPS, 1 - KERAS_EPS)
    return np.mean(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)), axis=-1))


def keras_cce(y, p):
    p = p / np.sum(p, axis=-1, keepdims=True)
    p = np.clip(p, KERAS_EPS, 1 - KERAS_EPS)
    return np.mean(-np.sum(y * np.log(p), axis=-1))


def torch_value(fn, p, y):
    return float(fn(torch.tensor(p, dtype=F64), torch.tensor(y, dtype=F64)))


reg_true = np.array([[1.5, -0.3], [2.0, 0.7], [-1.2, 3.3], [0.4, 0.0]])
reg_pred = np.array([[1.1, 0.2], [2.9, 0.6], [-1.0, 1.1], [0.5, -0.8]])
bin_true = np.array([[1.0], [0.0], [1.0], [0.0], [1.0]])
bin_pred = np.array([[0.9], [0.2], [0.65], [0.45], [0.08]])
mc_true = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
mc_pred = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.25, 0.25, 0.5], [0.3, 0.6, 0.1]])
# where the conventions part: one confidently wrong prediction (1e-9 for a true 1)
wrong_true = np.array([[1.0], [0.0]])
wrong_pred = np.array([[1e-9], [0.1]])

keras_cases = []


def keras_case(name, op, p, y, keras, torch_fn, args=None, agree=True):
    keras_cases.append({"name": name, "op": op, "inputs": [to_json(p), to_json(y)], "args": args or {},
                        "keras": float(keras), "torch": torch_value(torch_fn, p, y), "agree": agree})


keras_case("regression: mean squared error", "mseLoss", reg_pred, reg_true, keras_mse(reg_true, reg_pred),
           lambda p, y: F.mse_loss(p, y))
keras_case("regression: mean absolute error", "maeLoss", reg_pred, reg_true, keras_mae(reg_true, reg_pred),
           lambda p, y: F.l1_loss(p, y))
keras_case("regression: huber, delta 1", "huberLoss", reg_pred, reg_true, keras_huber(reg_true, reg_pred),
           lambda p, y: F.huber_loss(p, y))
keras_case("regression: huber, delta 0.5", "huberLoss", reg_pred, reg_true, keras_huber(reg_true, reg_pred, 0.5),
           lambda p, y: F.huber_loss(p, y, delta=0.5), {"delta": 0.5})
keras_case("binary: binary cross-entropy", "binaryCrossEntropy", bin_pred, bin_true, keras_bce(bin_true, bin_pred),
           lambda p, y: F.binary_cross_entropy(p, y))
keras_case("multi-class: categorical cross-entropy", "categoricalCrossEntropy", mc_pred, mc_true,
           keras_cce(mc_true, mc_pred), lambda p, y: -(y * torch.log(p)).sum(-1).mean())
keras_case("binary, confidently wrong: the clipping differs", "binaryCrossEntropy", wrong_pred, wrong_true,
           keras_bce(wrong_true, wrong_pred), lambda p, y: F.binary_cross_entropy(p, y), agree=False)
path, size = write_fixture("packages/losses/test/fixtures/keras-reference.json",
                           generator_tag("losses.py") + "; Keras 3 loss formulas evaluated in numpy", keras_cases)
print("wrote %s (%d cases, %d bytes)" % (path, len(keras_cases), size))
