"""PyTorch / numpy reference values for @smolml/core's indexing, joining and mask ops.

Regenerate (from the repository root):
    /usr/bin/python3 scripts/reference/indexing.py

Writes packages/core/test/fixtures/indexing-reference.json, read by
packages/core/test/indexing-reference.test.ts. Every case is computed in float64 and
again in float32 (inputs rounded once to float32, PyTorch computing in float32), so the
fixture checks both dtypes against what PyTorch gives in each.

A case holds
  name, op, dtype ("float64" | "float32": the dtype of every input unless the input
      says otherwise, and of the output), inputs (arrays, or {"number": x} operands),
  args (the op's non-array arguments, spelled as the TypeScript API takes them),
  out (an array, or a list of arrays for split),
  w (a fixed random weight of the output's shape, or a list for split; null for ops
      without a gradient), grads (the gradient of sum(out * w) for every input; null
      for a number operand, for the condition of where, and for ops without a gradient).
Arrays are {"dtype", "shape", "data"}, data row-major in the JSON-safe number encoding of
core's encodeNumbers: finite numbers as JSON numbers, "NaN", "Infinity", "-Infinity" and
"-0" as strings, so the extreme inputs (inf, nan, -0, 1e308, subnormals) survive.

Ops and args (mirroring the MLArray API):
  slice          args {specs}: a number, null (new axis) or [start, stop, step] per axis.
                 Values and gradients from numpy basic indexing (torch has no negative
                 steps); where torch can index the same way it is asserted to agree.
  take           args {indices: array, axis}          numpy.take; torch.index_select grads
  takeAlongAxis  args {indices: array, axis}          numpy.take_along_axis; torch.take_along_dim
  concat stack   args {axis}; inputs may mix dtypes (promotion)     torch.cat / torch.stack
  split          args {sizes: number | list, axis}    torch.split
  where          inputs [condition, a, b] (a, b may be numbers)     torch.where(condition != 0, a, b)
  eq ne gt ge lt le  inputs [a, b] (b may be a number)  1/0 in the promoted dtype, no grad
  argmin argmax  args {axis (null = flat), keepdims}  torch.argmin/argmax, checked against numpy
  oneHot         args {labels: array, numClasses}     torch.nn.functional.one_hot
  squeeze        args {axis: null | int | list}       numpy.squeeze (torch for grads)
  unsqueeze      args {axis}                          torch.unsqueeze
  flatten        args {startAxis, endAxis}            torch.flatten
  broadcastTo    args {shape}                         torch.broadcast_to (grads sum back)
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, Draw  # noqa: E402

torch.manual_seed(0)
D = Draw(seed=20240712)
cases = []

NP = {"float64": np.float64, "float32": np.float32}
TORCH = {"float64": torch.float64, "float32": torch.float32}
DTYPES = ("float64", "float32")


def enc(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0 and math.copysign(1.0, v) < 0:
        return "-0"
    return v


def arr(x, dtype):
    """An ndarray or tensor as {"dtype", "shape", "data"} (values widened exactly to float64)."""
    if isinstance(x, torch.Tensor):
        x = x.detach().cpu().numpy()
    x = np.asarray(x)
    return {"dtype": dtype, "shape": list(x.shape), "data": [enc(v) for v in x.astype(np.float64).reshape(-1)]}


def ints(x):
    """An integer index array (always float64 in the fixture: it is built as an MLArray)."""
    x = np.asarray(x, dtype=np.float64)
    return {"dtype": "float64", "shape": list(x.shape), "data": [enc(v) for v in x.reshape(-1)]}


class Input:
    """An array operand: float64 values (already rounded) and the dtype it enters in."""

    def __init__(self, values, dtype=None):
        self.values = np.asarray(values, dtype=np.float64)
        self.dtype = dtype  # None: the case's dtype


def leaf(inp, dtype):
    t = torch.tensor(inp.values.astype(NP[dtype]), dtype=TORCH[dtype])
    return t.requires_grad_(True)


def weight(shape, dtype):
    return D.uniform(tuple(shape), -1.5, 1.5).astype(NP[dtype])


def case(name, op, dtype, inputs, args, fn, grad=True):
    """inputs: Input or float (a number operand); fn(*torch operands) -> tensor or tuple."""
    ts, dts = [], []
    for x in inputs:
        if isinstance(x, Input):
            d = x.dtype or dtype
            ts.append(leaf(x, d))
            dts.append(d)
        else:
            ts.append(float(x))
            dts.append(None)
    out = fn(*ts)
    multi = isinstance(out, (tuple, list))
    outs = list(out) if multi else [out]
    out_dtype = {torch.float64: "float64", torch.float32: "float32"}.get(outs[0].dtype, "float64")
    ws = None
    grads = [None] * len(ts)
    if grad:
        ws = [weight(o.shape, out_dtype) for o in outs]
        total = sum((o * torch.tensor(w)).sum() for o, w in zip(outs, ws))
        if total.requires_grad:
            total.backward()
        for i, t in enumerate(ts):
            if isinstance(t, torch.Tensor) and not (op == "where" and i == 0):
                g = t.grad if t.grad is not None else torch.zeros_like(t)
                grads[i] = arr(g, dts[i])
    c = {
        "name": "%s (%s)" % (name, dtype),
        "op": op,
        "dtype": dtype,
        "inputs": [arr(x.values.astype(NP[d]), d) if isinstance(x, Input) else {"number": float(x)}
                   for x, d in zip(inputs, dts)],
        "args": args,
        "out": [arr(o, out_dtype) for o in outs] if multi else arr(outs[0], out_dtype),
        "w": None if ws is None else ([arr(w, out_dtype) for w in ws] if multi else arr(ws[0], out_dtype)),
        "grads": grads,
    }
    cases.append(c)
    return c


def both(name, op, make_inputs, args, fn, grad=True):
    """The same case in float64 and float32 (inputs drawn once, so both see the same values)."""
    inputs = make_inputs()
    for dtype in DTYPES:
        case(name, op, dtype, inputs, args, fn, grad)


# Values JSON cannot hold, and the extremes of float64 (1e308 overflows float32 to inf,
# 5e-324 underflows it to 0): copies must carry them bit for bit.
EXTREME = np.array([np.inf, -np.inf, np.nan, -0.0, 0.0, 1e308, -1e308, 5e-324, 1e-300, 3.4e38, -1.5, 2.0])


def extreme(shape):
    n = int(np.prod(shape))
    return np.resize(EXTREME, n).reshape(shape)


# ------------------------------------------------------------------------------ slice
def to_index(specs):
    idx = []
    for s in specs:
        if s is None:
            idx.append(None)
        elif isinstance(s, list):
            # [start] is `start:` (jax-js), not Python's slice(stop): pad to three entries
            idx.append(slice(*(list(s) + [None] * (3 - len(s)))))
        else:
            idx.append(s)
    return tuple(idx)


def slice_case(name, shape, specs, values=None):
    idx = to_index(specs)
    # torch agrees with numpy where it can index the same way (no negative steps).
    torch_ok = all(not (isinstance(s, slice) and ((s.step is not None and s.step < 0) or
                                                  any(b is not None and abs(b) > 2 ** 62 for b in (s.start, s.stop))))
                   for s in idx)
    x0 = D.normal(shape) if values is None else values
    for dtype in DTYPES:
        x = x0.astype(NP[dtype])
        out = np.array(x[idx], copy=True)
        w = weight(out.shape, dtype)
        g = np.zeros_like(x)
        g[idx] += w  # basic indexing never repeats an element: a plain scatter
        if torch_ok:
            t = torch.tensor(x, requires_grad=True)
            o = t[idx]
            assert o.shape == out.shape and np.array_equal(o.detach().numpy(), out, equal_nan=True), name
            (o * torch.tensor(w)).sum().backward()
            assert np.array_equal(t.grad.numpy(), g), name
        cases.append({
            "name": "slice %s (%s)" % (name, dtype), "op": "slice", "dtype": dtype,
            "inputs": [arr(x, dtype)], "args": {"specs": specs},
            "out": arr(out, dtype), "w": arr(w, dtype), "grads": [arr(g, dtype)],
        })


slice_case("[:, 0:3]", (4, 5), [[], [0, 3]])
slice_case("[::-1]", (6,), [[None, None, -1]])
slice_case("[:, None]", (3, 4), [[], None])
slice_case("[1]", (4, 3), [1])
slice_case("[-1]", (4, 3), [-1])
slice_case("[2] is 2:", (5, 2), [[2]])
slice_case("[-2] is -2:", (5, 2), [[-2]])
slice_case("[1, -1] ints both axes", (3, 4), [1, -1])
slice_case("[::2, 1::3]", (7, 8), [[None, None, 2], [1, None, 3]])
slice_case("[::-2, ::-3]", (7, 8), [[None, None, -2], [None, None, -3]])
slice_case("[5:1:-1]", (7,), [[5, 1, -1]])
slice_case("[-1:-6:-2]", (7,), [[-1, -6, -2]])
slice_case("[1:-1, ::-1, 2]", (4, 5, 3), [[1, -1], [None, None, -1], 2])
slice_case("clamped [-100:100]", (5,), [[-100, 100]])
slice_case("clamped [100:-100:-1]", (5,), [[100, -100, -1]])
slice_case("clamped huge 1e300", (5,), [[-10**300, 10**300, 2]])
slice_case("empty [3:1]", (5, 2), [[3, 1]])
slice_case("empty [1:3:-1]", (5,), [[1, 3, -1]])
slice_case("empty [10:]", (4, 3), [[10]])
slice_case("None None around", (2, 3), [None, [], None, [0, 2], None])
slice_case("0-d with None", (), [None])
slice_case("0-d no specs", (), [])
slice_case("3-d middle only", (3, 4, 5), [[], [1, 3]])
slice_case("step bigger than axis", (4,), [[0, None, 10]])
slice_case("int then slice then None", (3, 4, 2), [2, [None, None, -1], None])
slice_case("extremes copied", (3, 4), [[None, None, -1], [1, None]], values=extreme((3, 4)))
slice_case("0-length axis kept", (0, 3), [[], [1]])


# ------------------------------------------------------------------------------- take
def take_case(name, shape, indices, axis, values=None):
    indices = np.asarray(indices, dtype=np.int64)
    x0 = D.normal(shape) if values is None else values
    axis_ = axis % len(shape)
    n = shape[axis_]
    flat = np.where(indices < 0, indices + n, indices).reshape(-1)

    def fn(t):
        picked = torch.index_select(t, axis, torch.tensor(flat, dtype=torch.long))
        out_shape = tuple(shape[:axis_]) + indices.shape + tuple(shape[axis_ + 1:])
        o = picked.reshape(out_shape)
        assert np.array_equal(o.detach().numpy(), np.take(t.detach().numpy(), indices, axis=axis), equal_nan=True)
        return o

    for dtype in DTYPES:
        case("take %s" % name, "take", dtype, [Input(x0)], {"indices": ints(indices), "axis": axis}, fn)


take_case("rows [2,0,1]", (4, 3), [2, 0, 1], 0)
take_case("embedding with duplicates", (5, 4), [1, 3, 1, 1, 0, 3], 0)
take_case("negative indices", (5, 3), [-1, 0, -5, 2], 0)
take_case("2-d indices (batch of tokens)", (6, 3), [[0, 5, 5], [2, 2, 1]], 0)
take_case("axis 1 with duplicates", (3, 4), [3, 3, 0], 1)
take_case("axis -1 of 3-d", (2, 3, 4), [[1, 1], [0, 3]], -1)
take_case("middle axis of 3-d", (2, 5, 3), [4, 0, 4, 4], 1)
take_case("0-d indices drop the axis", (4, 3), 2, 0)
take_case("empty indices", (4, 3), np.zeros((0,), dtype=np.int64), 0)
take_case("1-d input", (6,), [5, 0, 5, 2], 0)
take_case("extremes copied", (4, 3), [3, 0, 0], 0, values=extreme((4, 3)))
take_case("all one index", (3, 2), [1, 1, 1, 1, 1], 0)


# ----------------------------------------------------------------------- takeAlongAxis
def along_case(name, shape, indices, axis, values=None):
    indices = np.asarray(indices, dtype=np.int64)
    x0 = D.normal(shape) if values is None else values
    n = shape[axis]
    norm = np.where(indices < 0, indices + n, indices)

    def fn(t):
        o = torch.take_along_dim(t, torch.tensor(norm, dtype=torch.long), dim=axis)
        expect = np.take_along_axis(t.detach().numpy(), indices, axis=axis)
        assert o.shape == expect.shape and np.array_equal(o.detach().numpy(), expect, equal_nan=True), name
        return o

    for dtype in DTYPES:
        case("takeAlongAxis %s" % name, "takeAlongAxis", dtype, [Input(x0)], {"indices": ints(indices), "axis": axis}, fn)


along_case("pick class per row", (4, 5), [[1], [4], [0], [4]], 1)
along_case("duplicates in a row", (3, 4), [[1, 1, 3], [0, 0, 0], [2, 3, 2]], 1)
along_case("negative indices", (3, 4), [[-1], [-4], [2]], 1)
along_case("axis 0", (4, 3), [[3, 0, 1], [3, 3, 0]], 0)
along_case("indices broadcast over rows", (3, 4), [[2, 0, 2]], 1)
along_case("array broadcast over rows", (1, 4), [[1, 1], [3, 0], [2, 2]], 1)
along_case("3-d middle axis", (2, 4, 3), [[[0, 1, 2], [3, 3, 3]], [[1, 1, 0], [2, 0, 1]]], 1)
along_case("3-d both broadcast", (2, 1, 3), [[[0], [2]]], 2)
along_case("extremes copied", (3, 4), [[0, 1, 2, 3], [3, 2, 1, 0], [1, 1, 1, 1]], 1, values=extreme((3, 4)))


# ---------------------------------------------------------------------- concat, stack
def join_case(op, name, shapes, axis, dtypes=None, values=None):
    dtypes = dtypes or [None] * len(shapes)
    fn = (lambda *ts: torch.cat(ts, dim=axis)) if op == "concat" else (lambda *ts: torch.stack(ts, dim=axis))
    inputs = [Input(D.normal(s) if values is None else values[i], d) for i, (s, d) in enumerate(zip(shapes, dtypes))]
    for dtype in DTYPES:
        c = case("%s %s" % (op, name), op, dtype, inputs, {"axis": axis}, fn)
        if any(dtypes):
            c["name"] = "%s %s" % (op, name)
            break  # the mixed-dtype cases name their dtypes; one is enough


join_case("concat", "axis 0", [(2, 3), (4, 3)], 0)
join_case("concat", "axis 1 three parts", [(2, 1), (2, 3), (2, 2)], 1)
join_case("concat", "axis -1 of 3-d", [(2, 3, 1), (2, 3, 4)], -1)
join_case("concat", "middle axis of 3-d", [(2, 1, 3), (2, 2, 3), (2, 1, 3)], 1)
join_case("concat", "one array", [(3, 2)], 0)
join_case("concat", "with an empty part", [(2, 3), (0, 3), (1, 3)], 0)
join_case("concat", "1-d", [(3,), (1,), (2,)], 0)
join_case("concat", "extremes copied", [(2, 3), (2, 3)], 1, values=[extreme((2, 3)), -extreme((2, 3))])
join_case("concat", "float32 with float64 promotes to float64", [(2, 2), (1, 2)], 0, dtypes=["float32", "float64"])
join_case("concat", "float64 with float32 promotes to float64", [(2, 2), (2, 1)], 1, dtypes=["float64", "float32"])
join_case("stack", "axis 0", [(2, 3), (2, 3), (2, 3)], 0)
join_case("stack", "axis 1", [(2, 3), (2, 3)], 1)
join_case("stack", "axis -1 (last)", [(2, 3), (2, 3)], -1)
join_case("stack", "0-d arrays", [(), (), (), ()], 0)
join_case("stack", "one array", [(4,)], 0)
join_case("stack", "float32 with float64 promotes", [(3,), (3,)], 0, dtypes=["float32", "float64"])

# the same array twice: its gradient is the sum of both parts
for dtype in DTYPES:
    x = Input(D.normal((2, 2)))
    case("concat same array twice", "concat", dtype, [x], {"axis": 0, "repeat": 2}, lambda t: torch.cat([t, t], 0))


# ------------------------------------------------------------------------------ split
def split_case(name, shape, sizes, axis):
    x0 = D.normal(shape)
    for dtype in DTYPES:
        case("split %s" % name, "split", dtype, [Input(x0)], {"sizes": sizes, "axis": axis},
             lambda t: torch.split(t, sizes, dim=axis))


split_case("chunks of 2 (last shorter)", (5, 3), 2, 0)
split_case("chunks of 3 exact", (2, 6), 3, 1)
split_case("sizes [1, 0, 3]", (4, 2), [1, 0, 3], 0)
split_case("sizes along last axis", (2, 3, 5), [2, 3], -1)
split_case("chunk larger than axis", (3, 2), 10, 0)
split_case("middle axis", (2, 4, 3), [1, 3], 1)


# ------------------------------------------------------------------------------ where
def where_case(name, cshape, a, b, cond=None, adt=None, bdt=None):
    c0 = (D.normal(cshape) > 0).astype(np.float64) if cond is None else np.asarray(cond, dtype=np.float64)

    def operand(spec, dt):
        if isinstance(spec, tuple):
            return Input(D.normal(spec), dt)
        if isinstance(spec, np.ndarray):
            return Input(spec, dt)
        return spec  # a number

    ins = [Input(c0), operand(a, adt), operand(b, bdt)]

    def fn(c, x, y):
        # The condition is a float array here as in SmolML: non-zero picks x.
        return torch.where(c != 0, x, y)

    mixed = adt is not None or bdt is not None
    for dtype in DTYPES:
        cs = case("where %s" % name, "where", dtype, ins, {}, fn)
        if mixed:
            cs["name"] = "where %s" % name
            break


where_case("same shapes", (3, 4), (3, 4), (3, 4))
where_case("condition broadcast over rows", (4,), (3, 4), (3, 4))
where_case("all three broadcast", (3, 1), (1, 4), (4,))
where_case("a number", (2, 3), 0.5, (2, 3))
where_case("b number", (2, 3), (2, 3), -1e9)
where_case("a 0-d, b [2,3]", (2, 3), (), (2, 3))
where_case("non-0/1 condition values (NaN counts as true)", (6,), (6,), (6,), cond=[2.5, 0.0, -1.0, np.nan, -0.0, 1e-300])
where_case("extremes: inf and nan in the branch not taken", (2, 6), extreme((2, 6)), -extreme((2, 6)))
where_case("float32 a with float64 b promotes", (2, 2), (2, 2), (2, 2), adt="float32", bdt="float64")
where_case("float32 [3] with float64 0-d stays float32", (3,), (3,), (), adt="float32", bdt="float64")
where_case("float64 condition, float32 branches", (2, 3), (2, 3), (2, 3), adt="float32", bdt="float32")
for dtype in DTYPES:
    # One array twice: each position's gradient comes from exactly one branch.
    x = Input(D.normal((2, 3)))
    cnd = Input((D.normal((2, 3)) > 0).astype(np.float64))
    case("where same array both branches", "where", dtype, [cnd, x], {"same": True}, lambda c, t: torch.where(c != 0, t, t))


# ------------------------------------------------------------------------ comparisons
REL = {"eq": torch.eq, "ne": torch.ne, "gt": torch.gt, "ge": torch.ge, "lt": torch.lt, "le": torch.le}


def compare_cases(name, a, b, adt=None, bdt=None):
    ins = [Input(a, adt), Input(b, bdt) if isinstance(b, np.ndarray) else b]
    for op, f in REL.items():
        def fn(x, y, f=f):
            r = f(x, y)
            dt = torch.result_type(x, y) if isinstance(y, torch.Tensor) else x.dtype
            return r.to(dt)
        for dtype in DTYPES:
            c = case("%s %s" % (op, name), op, dtype, ins, {}, fn, grad=False)
            if adt is not None or bdt is not None:
                c["name"] = "%s %s" % (op, name)
                break


# ties on purpose: equal values in both operands
ta = np.array([[1.0, 2.0, 3.0], [np.nan, -0.0, np.inf]])
tb = np.array([[1.0, 3.0, 2.0], [np.nan, 0.0, np.inf]])
compare_cases("with ties, NaN, -0 and inf", ta, tb)
compare_cases("broadcast row", np.array([[1.0, 5.0, -2.0], [0.5, 1.0, 1.0]]), np.array([1.0, 1.0, -2.0]))
compare_cases("number", np.array([0.5, 1.0, 1.5, np.nan, -np.inf]), 1.0)
# 0.1 rounds to float32 before comparing, as torch casts a Python scalar to the tensor's dtype
compare_cases("number rounded to the array's dtype", np.array([0.1, 0.2, 0.1000001]), 0.1)
compare_cases("float32 vs float64 promotes", np.array([0.1, 0.5]), np.array([0.1, 0.5]), adt="float32", bdt="float64")


# ---------------------------------------------------------------------- argmin/argmax
def arg_cases(name, x, axis, keepdims):
    for op in ("argmin", "argmax"):
        def fn(t, op=op):
            f = torch.argmin if op == "argmin" else torch.argmax
            r = f(t) if axis is None else f(t, dim=axis, keepdim=keepdims)
            if axis is None and keepdims:
                r = r.reshape([1] * t.dim())
            nf = np.argmin if op == "argmin" else np.argmax
            expect = nf(t.detach().numpy(), axis=axis, keepdims=keepdims)
            assert np.array_equal(r.numpy(), expect), (name, op)
            return r.to(torch.float64)  # indices are float64 whatever the input dtype
        for dtype in DTYPES:
            case("%s %s" % (op, name), op, dtype, [Input(x)], {"axis": axis, "keepdims": keepdims}, fn, grad=False)


ties = np.array([[3.0, 1.0, 1.0, 4.0], [2.0, 2.0, 2.0, 2.0], [5.0, -1.0, 7.0, -1.0]])
arg_cases("ties axis 1", ties, 1, False)
arg_cases("ties axis 0 keepdims", ties, 0, True)
arg_cases("ties flat", ties, None, False)
arg_cases("flat keepdims", ties, None, True)
arg_cases("NaN wins, first NaN", np.array([[1.0, np.nan, 0.0, np.nan], [np.nan, 1.0, 2.0, 3.0]]), 1, False)
arg_cases("infinities and -0", np.array([np.inf, -0.0, 0.0, -np.inf, -np.inf, np.inf]), 0, False)
arg_cases("3-d axis -1", D.normal((2, 3, 4)), -1, False)


# ----------------------------------------------------------------------------- oneHot
def onehot_case(name, labels, k):
    labels = np.asarray(labels, dtype=np.int64)

    def fn():
        return F.one_hot(torch.tensor(labels, dtype=torch.long), k).to(torch.float64)
    for dtype in DTYPES:
        c = case("oneHot %s" % name, "oneHot", dtype, [], {"labels": ints(labels), "numClasses": k}, fn, grad=False)
        c["out"]["dtype"] = dtype


onehot_case("1-d", [2, 0, 1, 2], 3)
onehot_case("2-d labels", [[0, 4], [3, 3]], 5)
onehot_case("one class", [0, 0], 1)
onehot_case("0-d label", 1, 4)
onehot_case("no labels", np.zeros((0,), dtype=np.int64), 3)


# ---------------------------------------------------- squeeze, unsqueeze, flatten
def shape_case(op, name, shape, args, fn):
    x0 = D.normal(shape)
    for dtype in DTYPES:
        case("%s %s" % (op, name), op, dtype, [Input(x0)], args, fn)


shape_case("squeeze", "all", (1, 3, 1, 2), {"axis": None}, lambda t: t.squeeze())
shape_case("squeeze", "axis 2", (1, 3, 1, 2), {"axis": 2}, lambda t: t.squeeze(2))
shape_case("squeeze", "axis -4", (1, 3, 1, 2), {"axis": -4}, lambda t: t.squeeze(-4))
shape_case("squeeze", "axes [0, 2]", (1, 3, 1, 2), {"axis": [0, 2]}, lambda t: t.squeeze(2).squeeze(0))
shape_case("squeeze", "nothing to remove", (2, 3), {"axis": None}, lambda t: t.squeeze())
shape_case("unsqueeze", "0", (2, 3), {"axis": 0}, lambda t: t.unsqueeze(0))
shape_case("unsqueeze", "-1", (2, 3), {"axis": -1}, lambda t: t.unsqueeze(-1))
shape_case("unsqueeze", "middle", (2, 3), {"axis": 1}, lambda t: t.unsqueeze(1))
shape_case("unsqueeze", "0-d", (), {"axis": 0}, lambda t: t.unsqueeze(0))
shape_case("flatten", "all", (2, 3, 4), {"startAxis": 0, "endAxis": -1}, lambda t: t.flatten())
shape_case("flatten", "from 1", (2, 3, 4), {"startAxis": 1, "endAxis": -1}, lambda t: t.flatten(1))
shape_case("flatten", "0..1", (2, 3, 4), {"startAxis": 0, "endAxis": 1}, lambda t: t.flatten(0, 1))
shape_case("flatten", "0-d", (), {"startAxis": 0, "endAxis": -1}, lambda t: t.flatten())


# ------------------------------------------------------------------------ broadcastTo
def bcast_case(name, shape, target, values=None):
    x0 = D.normal(shape) if values is None else values
    for dtype in DTYPES:
        case("broadcastTo %s" % name, "broadcastTo", dtype, [Input(x0)], {"shape": list(target)},
             lambda t: torch.broadcast_to(t, target))


bcast_case("row to matrix", (3,), (4, 3))
bcast_case("column to matrix", (4, 1), (4, 3))
bcast_case("0-d to [2,3]", (), (2, 3))
bcast_case("[2,1,3] to [4,2,5,3]", (2, 1, 3), (4, 2, 5, 3))
bcast_case("same shape", (2, 3), (2, 3))
bcast_case("to a 0-length axis", (1, 3), (0, 3))
bcast_case("extremes copied", (1, 4), (3, 4), values=extreme((1, 4)))


# ------------------------------------------------------------------------------ write
names = [c["name"] for c in cases]
assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
path = os.path.join(REPO, "packages/core/test/fixtures/indexing-reference.json")
generator = "scripts/reference/indexing.py with torch %s, numpy %s (float64 and float32)" % (torch.__version__, np.__version__)
with open(path, "w") as f:
    f.write('{"generator": %s,\n "cases": [\n' % json.dumps(generator))
    f.write(",\n".join(json.dumps(c, allow_nan=False, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
counts = {}
for c in cases:
    counts[c["op"]] = counts.get(c["op"], 0) + 1
print("wrote %s: %d cases, %d bytes" % (os.path.relpath(path, REPO), len(cases), os.path.getsize(path)))
print(" ".join("%s=%d" % kv for kv in sorted(counts.items())))
