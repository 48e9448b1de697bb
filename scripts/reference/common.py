"""Tiny shared helpers for the PyTorch reference-value scripts (scripts/reference/*.py).

Run every script with Debian's torch: `/usr/bin/python3 scripts/reference/<name>.py`.
Everything is float64; inputs are drawn from a seeded numpy RandomState and rounded to a
few decimals (the rounded decimal *is* the float64 input, so nothing is lost, and the
fixture stays small); outputs and gradients are written with full float64 precision
(json writes repr(), which round-trips).
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def generator_tag(script):
    return "scripts/reference/%s with torch %s, numpy %s (float64)" % (
        script, torch.__version__, np.__version__)


class Draw:
    """Seeded input generator. Every value is rounded to `decimals` places."""

    def __init__(self, seed, decimals=6):
        self.rs = np.random.RandomState(seed)
        self.decimals = decimals

    def _r(self, x):
        return np.asarray(np.round(np.asarray(x, dtype=np.float64), self.decimals))  # 0-d stays an ndarray

    def normal(self, shape, scale=1.0):
        return self._r(self.rs.standard_normal(shape) * scale)

    def uniform(self, shape, lo, hi):
        return self._r(self.rs.uniform(lo, hi, size=shape))

    def away(self, shape, lo, hi):
        """|x| in [lo, hi] with a random sign: away from 0 (kinks, poles)."""
        mag = self.rs.uniform(lo, hi, size=shape)
        sign = np.where(self.rs.uniform(size=shape) < 0.5, -1.0, 1.0)
        return self._r(mag * sign)


def to_json(t):
    """A tensor or ndarray as {"shape": [...], "data": [flat row-major floats]}."""
    if isinstance(t, torch.Tensor):
        t = t.detach().cpu().numpy()
    t = np.asarray(t, dtype=np.float64)
    data = [float(v) for v in t.reshape(-1)]
    return {"shape": list(t.shape), "data": data}


def write_fixture(path, generator, cases):
    path = os.path.join(REPO, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        # one case per line: small diffs on regeneration, still valid JSON
        f.write('{"generator": %s,\n "cases": [\n' % json.dumps(generator))
        f.write(",\n".join(json.dumps(c, allow_nan=False, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    return path, os.path.getsize(path)


# ---------------------------------------------------------------- float32 fixtures
# A float32 fixture holds PyTorch float32 results for inputs that are float32 values
# (written as doubles, exactly), and for every output and gradient element a `scale`:
# the sum of the magnitudes of the terms PyTorch's float32 formula adds up, computed in
# float64. The tests compare at 1e-5 relative to max(|reference|, scale), so where torch's
# own float32 result cancels (1 + erf(x) far left, 1 - sigmoid near 1) an answer that is
# more exact than torch's still passes, and nowhere else is the tolerance looser.


def as_float32(x):
    """x rounded to float32 and held as a float64 ndarray (exactly): a float32 case's input."""
    return np.asarray(np.asarray(x, dtype=np.float64).astype(np.float32), dtype=np.float64)


def generator_tag_f32(script):
    return "scripts/reference/%s with torch %s, numpy %s (float32)" % (
        script, torch.__version__, np.__version__)


def to_json_scaled(t, scale):
    """to_json(t) plus the per-element `scale` (same shape, finite, non-negative)."""
    out = to_json(t)
    s = np.broadcast_to(np.asarray(scale, dtype=np.float64), tuple(out["shape"])).reshape(-1)
    assert np.all(np.isfinite(s)) and np.all(s >= 0), "scale must be finite and non-negative"
    out["scale"] = [float(v) for v in s]
    return out
