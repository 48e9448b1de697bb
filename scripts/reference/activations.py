"""PyTorch reference values for @smolml/activations (forward values and gradients).

Regenerate (from the repository root):
    apt-get install -y python3-torch        # Debian's torch, for /usr/bin/python3
    /usr/bin/python3 scripts/reference/activations.py

Writes
  packages/activations/test/fixtures/activations-reference.json
      read by packages/activations/test/reference.test.ts. Same case format as
      core-reference.json (see README.md): inputs, forward output, a fixed weight `w`
      of the output's shape, and the gradient of (out * w).sum() w.r.t. the input.
      `op` is the SmolML function name; `args` holds its parameters under their SmolML
      names (alpha, axis, approximate, beta, threshold).
  packages/activations/test/fixtures/activations-reference-f32.json
      the same cases with float32 inputs and weights, computed by PyTorch in float32,
      read by the same test. Every output and gradient tensor adds `scale`: per element,
      the sum of the magnitudes of the terms torch's float32 formula adds up (SCALES
      below), since the tests compare at 1e-5 relative to max(|reference|, scale).
  packages/activations/test/fixtures/erfc-reference.json
      torch.special.erfc at chosen points, read by test/erf.test.ts (the exact GELU
      rests on our own erfc).

Every elementwise case is also checked element by element against the Value path.
Random inputs avoid the kinks (relu/leakyRelu/elu/selu at 0, relu6 at 0 and 6,
hardSigmoid at +-3, softplus at beta*x = threshold), where the subgradient is a
convention; the "at the kinks" cases then pin PyTorch's convention exactly there. The
"extreme" cases span |x| up to 1e4, where every output and gradient must be finite.
"""
import math
import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (Draw, as_float32, generator_tag, generator_tag_f32, to_json, to_json_scaled,  # noqa: E402
                    write_fixture)

torch.manual_seed(0)
D = Draw(seed=20240603)
F = torch.nn.functional
F64 = torch.float64
cases = []
replays = []  # (name, op, x, args, fn, w): every case again in float32, after the float64 fixture


def add_case(name, op, x, args, fn):
    t = torch.tensor(x, dtype=F64, requires_grad=True)
    out = fn(t)
    w = D.uniform(tuple(out.shape), -1.5, 1.5)
    (out * torch.tensor(w, dtype=F64)).sum().backward()
    case = {"name": name, "op": op, "inputs": [to_json(x)], "args": args,
            "out": to_json(out), "w": to_json(w), "grads": [to_json(t.grad)]}
    for part in (case["out"], case["grads"][0]):
        assert all(np.isfinite(part["data"])), name
    cases.append(case)
    replays.append((name, op, x, args, fn, w))


def away_from(x, points, gap=0.05):
    """Pushes every element at least `gap` away from each kink in `points`."""
    x = np.array(x, dtype=np.float64)
    for p in points:
        near = np.abs(x - p) < gap
        x[near] = np.round(p + np.where(x[near] >= p, gap, -gap) * 2, 6)
    return x


SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
assert SELU_ALPHA == 1.6732632423543772 and SELU_SCALE == 1.0507009873554805

# name -> list of (args, torch fn, input maker(shape))
normal3 = lambda s: D.normal(s, 3.0)  # noqa: E731
ELEMENTWISE = {
    "relu": [({}, torch.relu, lambda s: D.away(s, 0.05, 4.0))],
    "leakyRelu": [({}, lambda t: F.leaky_relu(t, 0.01), lambda s: D.away(s, 0.05, 4.0))]
    + [({"alpha": a}, (lambda a: lambda t: F.leaky_relu(t, a))(a), lambda s: D.away(s, 0.05, 4.0))
       for a in (0.2, -0.5, 1.5)],
    "elu": [({}, F.elu, lambda s: D.away(s, 0.05, 4.0))]
    + [({"alpha": a}, (lambda a: lambda t: F.elu(t, a))(a), lambda s: D.away(s, 0.05, 4.0)) for a in (0.5, 2.0)],
    "sigmoid": [({}, torch.sigmoid, normal3)],
    "tanh": [({}, torch.tanh, normal3)],
    "linear": [({}, lambda t: t * 1.0, normal3)],
    "gelu": [({}, F.gelu, normal3), ({"approximate": "none"}, F.gelu, lambda s: D.uniform(s, -9, 9)),
             ({"approximate": "tanh"}, lambda t: F.gelu(t, approximate="tanh"), normal3)],
    "silu": [({}, F.silu, normal3)],
    "swish": [({}, F.silu, normal3)],
    "softplus": [({}, F.softplus, lambda s: D.uniform(s, -25, 25)),
                 ({"beta": 2.0, "threshold": 5.0}, lambda t: F.softplus(t, 2.0, 5.0),
                  lambda s: away_from(D.uniform(s, -6, 6), [2.5])),
                 ({"beta": 0.5}, lambda t: F.softplus(t, 0.5), lambda s: away_from(D.uniform(s, -50, 50), [40.0]))],
    "relu6": [({}, F.relu6, lambda s: away_from(D.uniform(s, -3, 9), [0.0, 6.0]))],
    "hardSigmoid": [({}, F.hardsigmoid, lambda s: away_from(D.uniform(s, -6, 6), [-3.0, 3.0]))],
    "selu": [({}, F.selu, lambda s: D.away(s, 0.05, 4.0))],
    "mish": [({}, F.mish, normal3)],
}

for op, variants in ELEMENTWISE.items():
    for args, fn, make in variants:
        for shape in ((3, 4), (2, 3, 2)):
            label = " ".join("%s=%s" % kv for kv in args.items())
            add_case("%s %s%s" % (op, list(shape), " " + label if label else ""), op, make(shape), args, fn)
        # a 0-d array
        add_case("%s 0-d%s" % (op, " " + " ".join("%s=%s" % kv for kv in args.items()) if args else ""),
                 op, make(()), args, fn)

# |x| up to 1e4: outputs and gradients must be finite and match PyTorch.
EXTREME = np.array([-1e4, -1000.0, -100.0, -30.0, -1.0, -1e-8, 1e-8, 1.0, 30.0, 100.0, 1000.0, 1e4])
for op, variants in ELEMENTWISE.items():
    args, fn, _ = variants[0]
    add_case("%s extreme" % op, op, EXTREME, args, fn)
add_case("gelu extreme approximate=tanh", "gelu", EXTREME, {"approximate": "tanh"},
         lambda t: F.gelu(t, approximate="tanh"))

# Exactly on the kinks, where the gradient is a convention: we follow PyTorch's.
KINKS = {"relu": [-1.0, 0.0, 1.0], "leakyRelu": [-1.0, 0.0, 1.0], "elu": [-1.0, 0.0, 1.0],
         "selu": [-1.0, 0.0, 1.0], "relu6": [-1.0, 0.0, 3.0, 6.0, 7.0],
         "hardSigmoid": [-4.0, -3.0, 0.0, 3.0, 4.0]}
for op, points in KINKS.items():
    args, fn, _ = ELEMENTWISE[op][0]
    add_case("%s at the kinks" % op, op, np.array(points), args, fn)

# softmax / logSoftmax over every axis, negative axes included.
AXIS_CASES = [((5,), -1), ((5,), 0), ((3, 4), -1), ((3, 4), 1), ((3, 4), 0), ((3, 4), -2),
              ((2, 3, 4), -1), ((2, 3, 4), 1), ((2, 3, 4), -2), ((2, 3, 4), 0), ((2, 1, 3), 1)]
for op, fn in (("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)):
    for shape, axis in AXIS_CASES:
        add_case("%s %s axis=%d" % (op, list(shape), axis), op, D.normal(shape, 2.0), {"axis": axis},
                 (lambda axis, fn: lambda t: fn(t, axis))(axis, fn))
    add_case("%s [4,6] axis=-1 large logits" % op, op, D.normal((4, 6), 40.0), {"axis": -1},
             lambda t, fn=fn: fn(t, -1))
    add_case("%s 0-d" % op, op, D.normal((), 1.0), {"axis": -1}, lambda t, fn=fn: fn(t, -1))
    add_case("%s extreme [1e4, 0]" % op, op, np.array([1e4, 0.0]), {"axis": -1}, lambda t, fn=fn: fn(t, -1))
    add_case("%s extreme rows" % op, op,
             np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4], [1e4, 1e4, -1e4], [0.0, 1e-4, -1e4]]),
             {"axis": -1}, lambda t, fn=fn: fn(t, -1))
    add_case("%s extreme columns" % op, op, np.array([[1e4, -1e4], [0.0, 1e4], [-1e4, 3.0]]), {"axis": 0},
             lambda t, fn=fn: fn(t, 0))

path, size = write_fixture("packages/activations/test/fixtures/activations-reference.json",
                           generator_tag("activations.py"), cases)
print("wrote %s (%d cases, %d bytes)" % (path, len(cases), size))

# ------------------------------------------------------------------ float32
# Every case again with float32 inputs and weights, computed by PyTorch in float32.
# SCALES[op](x, args, w, out) gives, in float64, the sum of the magnitudes of the terms
# that torch's float32 kernel adds up, for the output and for the gradient w * f'(x)
# (README: "float32 fixtures"). Ops whose formulas never cancel use |value| itself.
F32 = torch.float32
SQRT1_2 = math.sqrt(0.5)
GELU_BETA = math.sqrt(2 / math.pi)  # tanh form: tanh(beta * (x + kappa * x^3))
GELU_KAPPA = 0.044715
INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)


def np_erf(x):
    return np.vectorize(math.erf)(x)


def sigmoid64(x):
    return 0.5 * (1 + np.tanh(0.5 * x))


def plain(f, df):
    """No cancellation: |f(x)| and |w * f'(x)|."""
    return lambda x, a, w, out: (np.abs(f(x, a)), np.abs(w * df(x, a)))


def elu_scale(alpha, scale):
    # x <= 0: (exp(x) - 1) * alpha * scale, which cancels near 0
    def fn(x, a, w, out):
        al = a.get("alpha", alpha)
        neg = np.abs(al * scale) * (np.exp(np.minimum(x, 0)) + 1)
        val = np.where(x > 0, np.abs(scale * x), neg)
        return val, np.abs(w * np.where(x > 0, scale, al * scale * np.exp(np.minimum(x, 0))))
    return fn


def softmax_scale(x, a, w, out):
    # forward: exp(x - max) / sum, no cancellation; backward: y * (g - sum(g * y))
    axis = a.get("axis", -1)
    y = out.reshape(x.shape) if x.ndim else out
    if x.ndim == 0:
        return np.abs(y), np.abs(y) * (np.abs(w) + np.abs(w * y))
    dot = np.sum(np.abs(w * y), axis=axis, keepdims=True)
    return np.abs(y), np.abs(y) * (np.abs(w) + dot)


def log_softmax_scale(x, a, w, out):
    # forward: (x - max) - log(sum exp(x - max)); backward: g - exp(out) * sum(g). The
    # log of a sum turns the sum's relative rounding (its positive terms add up to the
    # sum itself) into an absolute error, so log S counts 1 beside its own magnitude.
    axis = a.get("axis", -1)
    xx = x if x.ndim else x.reshape(1)
    m = np.max(xx, axis=axis, keepdims=True)
    log_s = np.log(np.sum(np.exp(xx - m), axis=axis, keepdims=True))
    fwd = np.abs(xx - m) + np.abs(log_s) + 1
    ww = w if x.ndim else np.asarray(w).reshape(1)
    back = np.abs(ww) + np.exp(xx - m - log_s) * np.sum(np.abs(ww), axis=axis, keepdims=True)
    return fwd.reshape(x.shape), back.reshape(x.shape)


def gelu_scale(x, a, w, out):
    if a.get("approximate", "none") == "tanh":
        t = np.tanh(GELU_BETA * (x + GELU_KAPPA * x ** 3))
        fwd = 0.5 * np.abs(x) * (1 + np.abs(t))
        back = 0.5 * (1 + np.abs(t)) + 0.5 * np.abs(x) * (1 + t * t) * GELU_BETA * (1 + 3 * GELU_KAPPA * x * x)
        return fwd, np.abs(w) * back
    e = np.abs(np_erf(x * SQRT1_2))
    fwd = 0.5 * np.abs(x) * (1 + e)  # x * 0.5 * (1 + erf(x / sqrt 2)), which cancels for x << 0
    back = 0.5 * (1 + e) + np.abs(x) * INV_SQRT_2PI * np.exp(-0.5 * x * x)
    return fwd, np.abs(w) * back


def silu_scale(x, a, w, out):
    s = sigmoid64(x)  # backward: g * s * (1 + x * (1 - s))
    return np.abs(x * s), np.abs(w) * s * (1 + np.abs(x) * (1 + s))


def mish_scale(x, a, w, out):
    sp = np.logaddexp(0, x)
    t = np.tanh(sp)  # backward: g * (t + x * sigmoid(x) * (1 - t^2))
    return np.abs(x * t), np.abs(w) * (np.abs(t) + np.abs(x) * sigmoid64(x) * (1 + t * t))


def sigmoid_scale(x, a, w, out):
    y = sigmoid64(x)  # backward: g * (1 - y) * y
    return y, np.abs(w) * y * (1 + y)


def tanh_scale(x, a, w, out):
    y = np.tanh(x)  # backward: g * (1 - y^2)
    return np.abs(y), np.abs(w) * (1 + y * y)


def hard_sigmoid_scale(x, a, w, out):
    inside = (x > -3) & (x < 3)
    fwd = np.where(inside, (np.abs(x) + 3) / 6, np.where(x >= 3, 1.0, 0.0))
    return fwd, np.abs(w) * np.where(inside, 1 / 6, 0.0)


def softplus_scale(x, a, w, out):
    b, th = a.get("beta", 1.0), a.get("threshold", 20.0)
    z = x * b
    val = np.where(z > th, np.abs(x), np.logaddexp(0, z) / b)
    return val, np.abs(w) * np.where(z > th, 1.0, sigmoid64(z))


SCALES = {
    "relu": plain(lambda x, a: np.maximum(x, 0), lambda x, a: (x > 0) * 1.0),
    "leakyRelu": plain(lambda x, a: np.where(x > 0, x, a.get("alpha", 0.01) * x),
                       lambda x, a: np.where(x > 0, 1.0, a.get("alpha", 0.01))),
    "elu": elu_scale(1.0, 1.0),
    "selu": elu_scale(SELU_ALPHA, SELU_SCALE),
    "sigmoid": sigmoid_scale,
    "tanh": tanh_scale,
    "linear": plain(lambda x, a: x, lambda x, a: np.ones_like(x)),
    "gelu": gelu_scale,
    "silu": silu_scale,
    "swish": silu_scale,
    "softplus": softplus_scale,
    "relu6": plain(lambda x, a: np.clip(x, 0, 6), lambda x, a: ((x > 0) & (x < 6)) * 1.0),
    "hardSigmoid": hard_sigmoid_scale,
    "mish": mish_scale,
    "softmax": softmax_scale,
    "logSoftmax": log_softmax_scale,
}

cases32 = []
for name, op, x, args, fn, w in replays:
    x32, w32 = as_float32(x), as_float32(w)
    t = torch.tensor(x32, dtype=F32, requires_grad=True)
    out = fn(t)
    assert out.dtype == F32, name
    (out * torch.tensor(w32, dtype=F32)).sum().backward()
    out_np, grad_np = out.detach().numpy().astype(np.float64), t.grad.numpy().astype(np.float64)
    s_out, s_grad = SCALES[op](x32, args, w32, out_np)
    case = {"name": name, "op": op, "inputs": [to_json(x32)], "args": args,
            "out": to_json_scaled(out_np, s_out), "w": to_json(w32), "grads": [to_json_scaled(grad_np, s_grad)]}
    for part in (case["out"], case["grads"][0]):
        assert all(np.isfinite(part["data"])), name
    cases32.append(case)

path, size = write_fixture("packages/activations/test/fixtures/activations-reference-f32.json",
                           generator_tag_f32("activations.py"), cases32)
print("wrote %s (%d cases, %d bytes)" % (path, len(cases32), size))

# erfc: dense in [-6, 6], then out to where it underflows, plus special points.
pts = np.concatenate([np.round(np.linspace(-6, 6, 241), 6), [-1e-300, 0.0, 1e-12, 1e-8, 1.4999999, 1.5, 1.5000001,
                      1.9999, 2.0, 2.9999, 3.0, 7.5, 10.0, 15.0, 20.0, 26.0, 27.0, 30.0, -30.0, 1e4, -1e4],
                      # large arguments whose squares round: these catch a naive e^(-x*x)
                      np.round(np.linspace(6.013579, 26.7, 97), 6)])
erfc = torch.special.erfc(torch.tensor(pts, dtype=F64)).numpy()
for x, v in zip(pts, erfc):
    assert v == 0 or abs(v - math.erfc(x)) <= 4e-16 * abs(v), (x, v, math.erfc(x))
path, size = write_fixture("packages/activations/test/fixtures/erfc-reference.json", generator_tag("activations.py"),
                           [{"name": "erfc", "x": to_json(pts), "erfc": to_json(erfc)}])
print("wrote %s (%d bytes)" % (path, size))
