"""PyTorch reference values for @smolml/core (MLArray forward values and gradients).

Regenerate (from the repository root):
    apt-get install -y python3-torch        # Debian's torch, for /usr/bin/python3
    /usr/bin/python3 scripts/reference/core.py
    /usr/bin/python3 scripts/reference/core.py --float32

Writes packages/core/test/fixtures/core-reference.json, read by
packages/core/test/reference.test.ts. For every case the fixture holds the inputs, the
forward output, a fixed random weight `w` of the output's shape, and the gradient of
`(out * w).sum()` with respect to every array input (null for plain-number operands).

Ops and arguments mirror the MLArray API (numpy semantics):
  add sub mul div pow maximum minimum     inputs [a, b]; b may be {"number": x}
  neg abs exp log sqrt relu tanh sigmoid  inputs [a]
  clip                                    args {min, max}
  matmul                                  inputs [a, b]
  transpose                               args {axes: null | [...]}
  reshape                                 args {shape: [...]} (may hold one -1)
  sum mean max min std                    args {axis: null | int, keepdims: bool}; std is population (ddof 0)
  composite                               args {expr: name}; see COMPOSITES below (mirrored in the test)
"""
import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Draw, generator_tag, to_json, write_fixture  # noqa: E402

torch.manual_seed(0)
F64 = torch.float64
F32 = torch.float32
DTYPE = F32 if "--float32" in sys.argv else F64
D = Draw(seed=20240601)
cases = []

# float32 pass: the same cases, with inputs rounded to float32 and computed by torch in
# float32. Each case also carries `ref64` (torch float64 on the same rounded inputs) and,
# for ops that sum terms, `scale` (the op on |inputs| and |w| in float64: the sum of the
# magnitudes of the terms). The test allows 1e-5 relative to max(|ref|, scale), or
# 1e-5 relative to ref64: where torch's float32 result cancels, ours may be more exact.
SUMMING = {"add", "sub", "matmul", "sum", "mean", "std", "var", "logsumexp", "cumsum", "composite",
           "mul", "div", "maximum", "minimum", "pow", "prod"}


def _grads(ts):
    out = []
    for t in ts:
        if isinstance(t, torch.Tensor):
            out.append(t.grad if t.grad is not None else torch.zeros_like(t))
        else:
            out.append(None)
    return out


def _eval64(fn, inputs, w, absolute):
    ts = [torch.tensor(np.abs(x) if absolute else x, dtype=F64, requires_grad=True) if isinstance(x, np.ndarray)
          else (abs(float(x)) if absolute else float(x)) for x in inputs]
    out = fn(*ts)
    ww = torch.tensor(np.abs(w) if absolute else w, dtype=F64)
    (out * ww).sum().backward()
    return out, _grads(ts)


def _finite_max(ref, scale):
    ref = np.abs(np.asarray(ref, dtype=np.float64))
    sc = np.abs(np.asarray(scale, dtype=np.float64))
    return np.where(np.isfinite(sc), np.maximum(ref, sc), ref)


def add_case(name, op, inputs, args, fn):
    """inputs: list of ndarrays (array operands) or Python floats (number operands)."""
    if DTYPE == F32:
        inputs = [np.asarray(x, dtype=np.float32).astype(np.float64) if isinstance(x, np.ndarray) else x for x in inputs]
    ts = [torch.tensor(x, dtype=DTYPE, requires_grad=True) if isinstance(x, np.ndarray) else float(x)
          for x in inputs]
    out = fn(*ts)
    w = D.uniform(tuple(out.shape), -1.5, 1.5)
    if DTYPE == F32:
        w = np.asarray(w, dtype=np.float32).astype(np.float64)
    (out * torch.tensor(w, dtype=DTYPE)).sum().backward()
    grads = []
    for t in ts:
        if isinstance(t, torch.Tensor):
            g = t.grad if t.grad is not None else torch.zeros_like(t)
            grads.append(to_json(g))
        else:
            grads.append(None)
    case = {
        "name": name,
        "op": op,
        "inputs": [to_json(x) if isinstance(x, np.ndarray) else {"number": float(x)} for x in inputs],
        "args": args,
        "out": to_json(out),
        "w": to_json(w),
        "grads": grads,
    }
    if DTYPE == F32:
        o64, g64 = _eval64(fn, inputs, w, False)
        case["ref64"] = {"out": to_json(o64), "grads": [None if g is None else to_json(g) for g in g64]}
        if op in SUMMING:
            oa, ga = _eval64(fn, inputs, w, True)
            case["scale"] = {
                "out": to_json(_finite_max(out.detach().numpy(), oa.detach().numpy())),
                "grads": [None if g is None else to_json(_finite_max(grads[i]["data"], g.numpy().reshape(-1)).reshape(g.shape))
                          for i, g in enumerate(ga)],
            }
    for part in [case["out"]] + [g for g in grads if g is not None]:
        assert all(np.isfinite(part["data"])), name
    cases.append(case)


def shp(s):
    return "[" + ",".join(str(n) for n in s) + "]"


# ---------------------------------------------------------------- binary broadcasting
def other(b):
    return b if isinstance(b, torch.Tensor) else torch.tensor(b, dtype=F64)


BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: torch.pow(a, b),
    "maximum": lambda a, b: torch.maximum(a, other(b)),
    "minimum": lambda a, b: torch.minimum(a, other(b)),
}

# (label, left shape, right shape or "number")
PATTERNS = [
    ("same [3,4]", (3, 4), (3, 4)),
    ("same [2,3,4]", (2, 3, 4), (2, 3, 4)),
    ("[3,4] op number", (3, 4), "number"),
    ("[3,4] op 0-d", (3, 4), ()),
    ("0-d op [3,4]", (), (3, 4)),
    ("0-d op 0-d", (), ()),
    ("0-d op number", (), "number"),
    ("[3,4] op [4]", (3, 4), (4,)),
    ("[3,4] op [3,1]", (3, 4), (3, 1)),
    ("[3,1] op [1,4]", (3, 1), (1, 4)),
    ("[2,3,4] op [3,1]", (2, 3, 4), (3, 1)),
    ("[2,1,4] op [3,1]", (2, 1, 4), (3, 1)),
    ("[4] op [2,3,4]", (4,), (2, 3, 4)),
    ("[1] op [3,4]", (1,), (3, 4)),
]


def left_operand(op, s):
    if op == "pow":
        return D.uniform(s, 0.3, 2.5)          # positive bases
    return D.normal(s)


def right_operand(op, s):
    if op == "div":
        return D.away(s, 0.4, 2.0)             # denominators away from 0
    if op == "pow":
        return D.uniform(s, -1.5, 2.5)         # array exponents, any sign
    if op in ("add", "sub", "mul"):
        return D.normal(s)
    return D.normal(s)                         # maximum/minimum: continuous, no ties


SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**"}
NUMBERS = {"add": 2.5, "sub": -1.25, "mul": -3.0, "div": 0.8, "pow": 2.5, "maximum": 0.3, "minimum": -0.2}

for op, fn in BINARY.items():
    for label, ls, rs in PATTERNS:
        a = left_operand(op, ls)
        b = NUMBERS[op] if rs == "number" else right_operand(op, rs)
        if op in ("maximum", "minimum"):
            # no ties anywhere (including against the number operand)
            bb = np.asarray(b)
            assert not np.any(np.isclose(*np.broadcast_arrays(a, bb), rtol=0, atol=1e-3)), (op, label)
        sym = SYMBOL.get(op, "vs")
        add_case("%s %s" % (op, label.replace(" op ", " %s " % sym)), op, [a, b], {}, fn)

# more number exponents for pow (integer, fractional, negative), and a negative base
# with an integer exponent (defined, as in numpy/torch)
for k in (2.0, 3.0, 0.5, -1.5, 0.0, 1.0):
    a = D.uniform((3, 4), 0.3, 2.5)
    add_case("pow [3,4] ** %r" % k, "pow", [a, k], {}, BINARY["pow"])
add_case("pow negative base [3,4] ** 3", "pow", [D.away((3, 4), 0.2, 2.0), 3.0], {}, BINARY["pow"])
add_case("pow negative base [3,4] ** 2", "pow", [D.away((3, 4), 0.2, 2.0), 2.0], {}, BINARY["pow"])
add_case("div [3,4] / [3,4] (negative numerators)", "div",
         [D.away((3, 4), 0.1, 3.0), D.away((3, 4), 0.4, 2.0)], {}, BINARY["div"])

# ---------------------------------------------------------------- unary
UNARY = {
    "neg": (lambda a: -a, lambda s: D.normal(s)),
    "abs": (lambda a: a.abs(), lambda s: D.away(s, 0.05, 2.0)),
    "exp": (lambda a: a.exp(), lambda s: D.normal(s)),
    "log": (lambda a: a.log(), lambda s: D.uniform(s, 0.05, 4.0)),
    "sqrt": (lambda a: a.sqrt(), lambda s: D.uniform(s, 0.05, 4.0)),
    "relu": (lambda a: torch.relu(a), lambda s: D.away(s, 0.05, 2.0)),
    "tanh": (lambda a: a.tanh(), lambda s: D.normal(s, 1.5)),
    "sigmoid": (lambda a: torch.sigmoid(a), lambda s: D.normal(s, 2.0)),
}
for op, (fn, gen) in UNARY.items():
    for s in [(3, 4), (2, 3, 4), (), (5,)]:
        add_case("%s %s" % (op, shp(s)), op, [gen(s)], {}, fn)


def clip_input(s, lo, hi):
    x = D.normal(s, 1.2)
    # keep every point away from the kinks at lo and hi
    x = np.where(np.abs(x - lo) < 0.05, x - 0.1, x)
    x = np.where(np.abs(x - hi) < 0.05, x + 0.1, x)
    return np.asarray(np.round(x, 6))


for s, lo, hi in [((3, 4), -0.5, 0.7), ((2, 3, 4), -1.0, 0.25), ((5,), 0.0, 1.0), ((), -0.5, 0.5)]:
    x = clip_input(s, lo, hi)
    add_case("clip %s to [%r, %r]" % (shp(s), lo, hi), "clip", [x], {"min": lo, "max": hi},
             lambda a, lo=lo, hi=hi: torch.clamp(a, lo, hi))

# ---------------------------------------------------------------- matmul
MATMUL = [
    ("1-D@1-D", (4,), (4,)),
    ("2-D@2-D", (3, 4), (4, 5)),
    ("1-D@2-D", (4,), (4, 3)),
    ("2-D@1-D", (3, 4), (4,)),
    ("3-D@3-D batched", (2, 3, 4), (2, 4, 5)),
    ("3-D@2-D", (2, 3, 4), (4, 5)),
    ("2-D@3-D", (3, 4), (2, 4, 5)),
    ("broadcast batch", (2, 1, 3, 4), (3, 4, 5)),
    ("broadcast batch both", (2, 1, 3, 4), (1, 3, 4, 2)),
    ("3-D@1-D", (2, 3, 4), (4,)),
    ("4-D@1-D", (2, 2, 3, 4), (4,)),
    ("1-D@3-D", (3,), (2, 3, 4)),
    ("1-D@4-D", (3,), (2, 1, 3, 2)),
    ("[1,4]@[4,1]", (1, 4), (4, 1)),
]
for label, ls, rs in MATMUL:
    add_case("matmul %s %s@%s" % (label, shp(ls), shp(rs)), "matmul", [D.normal(ls), D.normal(rs)], {},
             lambda a, b: torch.matmul(a, b))

# ---------------------------------------------------------------- transpose / reshape
for s, axes in [((3, 4), None), ((2, 3, 4), None), ((4,), None), ((2, 3, 4), [1, 0, 2]),
                ((2, 3, 4), [2, 0, 1]), ((2, 3, 4), [0, 2, 1]), ((3, 4), [0, 1]), ((2, 3, 4, 2), None)]:
    perm = list(range(len(s)))[::-1] if axes is None else axes
    add_case("transpose %s axes=%s" % (shp(s), "default" if axes is None else shp(axes)), "transpose",
             [D.normal(s)], {"axes": axes}, lambda a, perm=perm: a.permute(*perm))

for s, new in [((3, 4), [2, -1]), ((3, 4), [12]), ((2, 3, 4), [-1, 4]), ((2, 3, 4), [4, -1, 2]),
               ((12,), [3, 1, -1]), ((2, 3, 4), [6, 4]), ((1,), [])]:
    add_case("reshape %s to %s" % (shp(s), shp(new)), "reshape", [D.normal(s)], {"shape": new},
             lambda a, new=new: a.reshape(new))

# ---------------------------------------------------------------- reductions


def reduce_fn(op, axis, keepdims):
    def fn(a):
        dim = tuple(range(a.dim())) if axis is None else axis
        if op == "sum":
            return a.sum(dim=dim, keepdim=keepdims)
        if op == "mean":
            return a.mean(dim=dim, keepdim=keepdims)
        if op == "max":
            return torch.amax(a, dim=dim, keepdim=keepdims)
        if op == "min":
            return torch.amin(a, dim=dim, keepdim=keepdims)
        if op == "std":
            return torch.std(a, dim=dim, unbiased=False, keepdim=keepdims)
        raise ValueError(op)
    return fn


for op in ("sum", "mean", "max", "min", "std"):
    for s, axes in [((3, 4), [None, 0, 1, -1, -2]), ((2, 3, 4), [None, 0, 1, 2, -1]), ((5,), [None, 0, -1])]:
        for axis in axes:
            for keepdims in (False, True):
                x = D.normal(s)
                add_case("%s %s axis=%s keepdims=%s" % (op, shp(s), "null" if axis is None else axis,
                                                          str(keepdims).lower()),
                         op, [x], {"axis": axis, "keepdims": keepdims}, reduce_fn(op, axis, keepdims))

# ---------------------------------------------------------------- ties and clip(min > max)
# maximum/minimum ties split the gradient in half (torch); clip with min > max gives max
# everywhere with zero gradient (torch.clamp).
TIE_A = np.array([[1.0, 2.0, -0.5], [0.25, 3.0, -1.0]])
TIE_B = np.array([[1.0, 1.5, -0.5], [0.5, 3.0, -2.0]])
add_case("maximum ties [2,3]", "maximum", [TIE_A, TIE_B], {}, BINARY["maximum"])
add_case("minimum ties [2,3]", "minimum", [TIE_A, TIE_B], {}, BINARY["minimum"])
add_case("maximum ties vs number", "maximum", [TIE_A, 1.0], {}, BINARY["maximum"])
add_case("minimum ties broadcast [2,3] vs [3]", "minimum", [TIE_A, np.array([1.0, 3.0, -1.0])], {}, BINARY["minimum"])
add_case("clip [2,3] min > max", "clip", [D.normal((2, 3))], {"min": 0.5, "max": -0.5},
         lambda a: torch.clamp(a, 0.5, -0.5))

# ---------------------------------------------------------------- toolkit elementwise
UNARY2 = {
    "log1p": (lambda a: torch.log1p(a), lambda s: D.uniform(s, -0.9, 3.0)),
    "expm1": (lambda a: torch.expm1(a), lambda s: D.normal(s)),
    "erf": (lambda a: torch.erf(a), lambda s: D.normal(s, 1.5)),
    "erfc": (lambda a: torch.erfc(a), lambda s: D.normal(s, 1.5)),
    "sin": (lambda a: torch.sin(a), lambda s: D.normal(s, 2.0)),
    "cos": (lambda a: torch.cos(a), lambda s: D.normal(s, 2.0)),
    "square": (lambda a: torch.square(a), lambda s: D.normal(s)),
    "reciprocal": (lambda a: torch.reciprocal(a), lambda s: D.away(s, 0.3, 3.0)),
    "sign": (lambda a: torch.sign(a), lambda s: D.away(s, 0.1, 2.0)),
    "floor": (lambda a: torch.floor(a), lambda s: D.normal(s, 3.0)),
    "ceil": (lambda a: torch.ceil(a), lambda s: D.normal(s, 3.0)),
    "round": (lambda a: torch.round(a), lambda s: D.normal(s, 3.0)),
}
for op, (fn, gen) in UNARY2.items():
    for s in [(3, 4), (), (2, 3, 2)]:
        add_case("%s %s" % (op, shp(s)), op, [gen(s)], {}, fn)
# where naive forms lose digits, and the edges
add_case("log1p tiny", "log1p", [np.array([1e-10, -1e-10, 1e-15, 3e-8])], {}, UNARY2["log1p"][0])
add_case("expm1 tiny", "expm1", [np.array([1e-10, -1e-10, 1e-15, 3e-8])], {}, UNARY2["expm1"][0])
add_case("erfc far tail", "erfc", [np.array([3.0, 6.0, 10.0, 15.0, 20.0, 25.0])], {}, UNARY2["erfc"][0])
add_case("erf both tails", "erf", [np.array([-6.0, -2.5, -1.5, -0.1, 1e-8, 1.49, 1.51, 4.0])], {}, UNARY2["erf"][0])
add_case("round halves", "round", [np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 1e16])], {}, UNARY2["round"][0])
add_case("sign zeros", "sign", [np.array([0.0, -0.0, 2.0, -3.0])], {}, UNARY2["sign"][0])

# ---------------------------------------------------------------- toolkit reductions


def reduce2(op, axis, keepdims, correction=0):
    def fn(a):
        dim = tuple(range(a.dim())) if axis is None else axis
        if op == "logsumexp":
            return torch.logsumexp(a, dim=dim, keepdim=keepdims)
        if op == "var":
            return torch.var(a, dim=dim, correction=correction, keepdim=keepdims)
        if op == "std":
            return torch.std(a, dim=dim, correction=correction, keepdim=keepdims)
        if op == "prod":
            if axis is None:
                r = torch.prod(a)
                return r.reshape([1] * a.dim()) if keepdims else r
            return torch.prod(a, dim=axis, keepdim=keepdims)
        raise ValueError(op)
    return fn


for op in ("logsumexp", "var", "prod"):
    for s, axes in [((3, 4), [None, 0, -1]), ((2, 3, 4), [None, 1]), ((5,), [None, 0])]:
        for axis in axes:
            for keepdims in (False, True):
                x = D.uniform(s, 0.5, 1.5) * np.sign(D.normal(s)) if op == "prod" else D.normal(s)
                add_case("%s %s axis=%s keepdims=%s" % (op, shp(s), "null" if axis is None else axis, str(keepdims).lower()),
                         op, [np.round(x, 6)], {"axis": axis, "keepdims": keepdims}, reduce2(op, axis, keepdims))
for op in ("var", "std"):
    for corr in (1, 2):
        for s, axis in [((3, 4), 0), ((3, 4), None), ((2, 3, 4), -1)]:
            add_case("%s %s axis=%s correction=%d" % (op, shp(s), "null" if axis is None else axis, corr), op,
                     [D.normal(s)], {"axis": axis, "keepdims": False, "correction": corr}, reduce2(op, axis, False, corr))
add_case("logsumexp at +-1e4", "logsumexp", [np.array([[1e4, 1e4 - 1, -1e4], [-1e4, -1e4 + 2, -1e4 + 1]])],
         {"axis": -1, "keepdims": False}, reduce2("logsumexp", -1, False))
add_case("prod one zero", "prod", [np.array([[2.0, 0.0, -1.5, 3.0], [1.5, 2.0, 0.5, -1.0]])],
         {"axis": 1, "keepdims": False}, reduce2("prod", 1, False))
add_case("prod two zeros", "prod", [np.array([[2.0, 0.0, -1.5, 0.0], [0.0, 2.0, 0.5, -1.0]])],
         {"axis": 1, "keepdims": False}, reduce2("prod", 1, False))
add_case("prod all with zero", "prod", [np.array([2.0, 0.0, -1.5, 3.0])],
         {"axis": None, "keepdims": False}, reduce2("prod", None, False))
for s, axis in [((3, 4), 0), ((3, 4), 1), ((3, 4), -1), ((2, 3, 4), 1), ((5,), 0), ((), 0)]:
    add_case("cumsum %s axis=%d" % (shp(s), axis), "cumsum", [D.normal(s)], {"axis": axis},
             lambda a, axis=axis: torch.cumsum(a, dim=axis))

# ---------------------------------------------------------------- composites
# Each is mirrored, operation for operation, in packages/core/test/reference.test.ts.


def mlp_mse(x, W1, b1, W2, b2, y):
    h = torch.relu(x @ W1 + b1)
    p = h @ W2 + b2
    return ((p - y) ** 2).mean()


def softmax_rows(x):
    e = (x - torch.amax(x, dim=-1, keepdim=True)).exp()
    return e / e.sum(dim=-1, keepdim=True)


def reuse(x, v):
    # x used five times, v three times: gradients must accumulate
    t = x * x + (x * v).tanh() - torch.sigmoid(x) * v
    return torch.std(t.sum(dim=0), unbiased=False)


def chain(x, W):
    # x [2,3,4] -> transpose [4,2,3] -> reshape [4,6] -> @W [6,2] -> sigmoid -> mean(0) -> sqrt
    return torch.sigmoid(x.permute(2, 0, 1).reshape(-1, 6) @ W).mean(dim=0).sqrt()


def logistic_bce(x, wv, b, y):
    p = torch.clamp(torch.sigmoid(x @ wv + b), 1e-7, 1 - 1e-7)
    return -(y * p.log() + (1 - y) * (1 - p).log()).mean()


def normalize(x):
    z = (x - x.mean(dim=0, keepdim=True)) / (torch.std(x, dim=0, unbiased=False, keepdim=True) + 1e-5)
    return (z * z * x.exp()).sum(dim=1)


def mlp_inputs():
    while True:
        x, W1, b1 = D.normal((4, 3)), D.normal((3, 5), 0.7), D.normal((5,), 0.3)
        pre = x @ W1 + b1
        if np.min(np.abs(pre)) > 0.02:        # no pre-activation near the relu kink
            return [x, W1, b1, D.normal((5, 2), 0.7), D.normal((2,), 0.3), D.normal((4, 2))]


def softmax_inputs():
    while True:
        x = D.normal((3, 5), 1.5)
        srt = np.sort(x, axis=-1)
        if np.min(srt[:, -1] - srt[:, -2]) > 1e-3:   # unique row maxima
            return [x]


def bce_inputs():
    x, wv, b = D.normal((5, 3)), D.normal((3,)), D.normal(())
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    return [x, wv, b, y]


COMPOSITES = [
    ("mlp_mse", mlp_mse, mlp_inputs),
    ("softmax_rows", softmax_rows, softmax_inputs),
    ("reuse", reuse, lambda: [D.normal((3, 4)), D.normal((4,))]),
    ("chain", chain, lambda: [D.normal((2, 3, 4)), D.normal((6, 2))]),
    ("logistic_bce", logistic_bce, bce_inputs),
    ("normalize", normalize, lambda: [D.normal((4, 3))]),
]
for expr, fn, gen in COMPOSITES:
    ins = gen()
    add_case("composite %s" % expr, "composite", ins, {"expr": expr}, fn)

out_name = "core-reference-f32.json" if DTYPE == F32 else "core-reference.json"
tag = generator_tag("core.py") + (" --float32: computed in float32" if DTYPE == F32 else "")
path, size = write_fixture("packages/core/test/fixtures/" + out_name, tag, cases)
names = [c["name"] for c in cases]
assert len(set(names)) == len(names), "duplicate case names"
print("wrote %s: %d cases, %d bytes" % (os.path.relpath(path), len(cases), size))
