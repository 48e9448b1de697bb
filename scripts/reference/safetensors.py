"""Safetensors fixtures for @smolml/core, written and read by the official `safetensors` library.

Both directions of `toSafetensors`/`fromSafetensors` are checked against the real library:
  * official -> ours: this script writes files with `safetensors.torch.save_file` and
    `safetensors.numpy.save_file`, and records what those files hold (names, dtypes,
    shapes, values as float64) in official.json; packages/core/test/safetensors-official.test.ts
    reads every file with fromSafetensors and compares.
  * ours -> official: packages/core/test/safetensors-ours.test.ts writes ours.safetensors with
    toSafetensors (and asserts on every run that it still writes those exact bytes); this
    script reads it with the official library and records what it read, plus whether the
    official writer, given what it read, produces the identical bytes, in
    ours-read-by-official.json.

Regenerate (from the repository root). The official package comes from pip; a venv with
--system-site-packages keeps Debian's torch and numpy (for /usr/bin/python3) visible:
    /usr/bin/python3 -m venv --system-site-packages .tmp/venv
    .tmp/venv/bin/pip install safetensors
    (cd packages/core && SMOLML_WRITE_FIXTURES=1 npx jest test/safetensors-ours)   # writes ours.safetensors
    .tmp/venv/bin/python scripts/reference/safetensors.py

Output: packages/core/test/fixtures/safetensors/ (all committed). Deterministic: running
the script twice gives byte-identical files.

JSON value encoding (as core's encodeNumbers): finite numbers as JSON numbers (float32,
float16 and bfloat16 values as the exact double they widen to), and "NaN", "Infinity",
"-Infinity", "-0" as strings.
"""
import json
import math
import os
import struct
import sys

# This file is named like the package it tests: drop its own folder from the import path so
# `import safetensors` finds the official library, not this script.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
sys.dont_write_bytecode = True

import numpy as np  # noqa: E402
import safetensors  # noqa: E402
import safetensors.numpy as stnp  # noqa: E402
import safetensors.torch as sttorch  # noqa: E402
import torch  # noqa: E402
from safetensors import safe_open  # noqa: E402

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "packages", "core", "test", "fixtures", "safetensors")
GENERATOR = "scripts/reference/safetensors.py with safetensors %s, torch %s, numpy %s" % (
    safetensors.__version__, torch.__version__, np.__version__)


def enc(x):
    """One value as core's encodeNumbers writes it."""
    if isinstance(x, (bool, np.bool_)):
        return 1 if x else 0
    if isinstance(x, (int, np.integer)):
        return int(x)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0 and math.copysign(1.0, x) < 0:
        return "-0"
    return x


def describe_numpy(arr, read_as, with_data=True):
    """An ndarray as {read_as, shape, data}: data flat row-major, widened exactly to float64
    (integers as Python ints, so 64-bit values are written exactly); data null if not with_data."""
    flat = arr.reshape(-1)
    if not with_data:
        data = None
    elif arr.dtype.kind in "iub":
        data = [enc(int(v)) for v in flat]
    else:
        data = [enc(v) for v in flat.astype(np.float64)]
    return {"read_as": read_as, "shape": list(arr.shape), "data": data}


def header_of(path):
    with open(path, "rb") as f:
        b = f.read()
    (n,) = struct.unpack("<Q", b[:8])
    return n, json.loads(b[8:8 + n])


def record(path, skip_data=()):
    """What the official library reads from `path`: numpy's view (it has every integer
    dtype, which torch 1.13 lacks), torch's for F16/BF16 (numpy has no bfloat16)."""
    n, header = header_of(path)
    out = {"header_length": n, "metadata": None, "tensors": {}}
    with safe_open(path, framework="numpy") as f, safe_open(path, framework="pt") as g:
        out["metadata"] = f.metadata()
        for name in f.keys():  # noqa: SIM118 (safe_open has no __iter__)
            if header[name]["dtype"] in ("BF16", "F16"):
                # numpy has no bfloat16: take torch's (exact) widening to float64.
                t = g.get_tensor(name)
                d = describe_numpy(t.double().numpy(), str(t.dtype), name not in skip_data)
            else:
                arr = f.get_tensor(name)
                d = describe_numpy(arr, str(arr.dtype), name not in skip_data)
            d["st_dtype"] = header[name]["dtype"]
            out["tensors"][name] = d
    return out


def write_official():
    os.makedirs(OUT, exist_ok=True)
    rs = np.random.RandomState(20240612)
    files = {}

    # F64: a matrix, a 0-d scalar, an empty tensor and every special value.
    p = os.path.join(OUT, "official-f64.safetensors")
    sttorch.save_file({
        "matrix": torch.tensor(rs.standard_normal((3, 4)), dtype=torch.float64),
        "scalar": torch.tensor(2.5, dtype=torch.float64),
        "empty": torch.zeros((0, 3), dtype=torch.float64),
        "special": torch.tensor([math.nan, math.inf, -math.inf, -0.0, 5e-324, 1.7976931348623157e308, 0.1],
                                dtype=torch.float64),
    }, p, metadata={"format": "pt"})  # one key: the writer orders several at random (a Rust HashMap)
    files[os.path.basename(p)] = record(p)

    # F32 without metadata.
    p = os.path.join(OUT, "official-f32.safetensors")
    sttorch.save_file({
        "weight": torch.tensor(rs.standard_normal((2, 3)), dtype=torch.float32),
        "special": torch.tensor([math.nan, math.inf, -math.inf, -0.0, 1e-45, 3.4028234663852886e38, 0.1],
                                dtype=torch.float32),
        "scalar": torch.tensor(-1.25, dtype=torch.float32),
        "empty": torch.zeros((2, 0), dtype=torch.float32),
    }, p)
    files[os.path.basename(p)] = record(p)

    # F16: all 65536 bit patterns, with torch's own float32 widening beside them.
    p = os.path.join(OUT, "official-f16.safetensors")
    bits = np.arange(65536, dtype=np.uint16)
    halves = torch.from_numpy(bits.view(np.float16).copy())
    sttorch.save_file({
        "all_bits": halves,
        "all_bits_as_f32": halves.float(),
        "matrix": torch.tensor([[1.0, -2.0], [0.333, 65504.0]], dtype=torch.float16),
    }, p)
    files[os.path.basename(p)] = record(p, skip_data=("all_bits", "all_bits_as_f32"))

    # BF16: 4096 bit patterns spread over every exponent (and the specials), widened by torch.
    p = os.path.join(OUT, "official-bf16.safetensors")
    pats = np.array([(i * 16 + i % 16) & 0xFFFF for i in range(4096)]
                    + [0x0000, 0x8000, 0x7F80, 0xFF80, 0x7FC0, 0x0001, 0x807F, 0x3F80], dtype=np.int32)
    bf = torch.from_numpy(pats.astype(np.int16)).view(torch.bfloat16)
    sttorch.save_file({
        "patterns": bf,
        "patterns_as_f32": bf.float(),
        "vector": torch.tensor([1.0, -0.5, 3.140625, 1e30], dtype=torch.bfloat16),
    }, p)
    files[os.path.basename(p)] = record(p, skip_data=("patterns", "patterns_as_f32"))

    # Every integer dtype and BOOL (numpy: torch 1.13 has no uint16/32/64), at their extremes.
    p = os.path.join(OUT, "official-ints.safetensors")
    stnp.save_file({
        "i8": np.array([-128, 127, 0, -1], dtype=np.int8),
        "i16": np.array([-32768, 32767, -2], dtype=np.int16),
        "i32": np.array([[-2147483648, 2147483647, 7], [0, -1, 100000]], dtype=np.int32),
        "i64": np.array([-(2 ** 53), 2 ** 53, -1, 0, 123456789012345, -(2 ** 32), 2 ** 32 + 1], dtype=np.int64),
        "i64_scalar": np.array(42, dtype=np.int64),
        "u8": np.array([0, 255, 17], dtype=np.uint8),
        "u16": np.array([0, 65535, 258], dtype=np.uint16),
        "u32": np.array([0, 4294967295, 65536], dtype=np.uint32),
        "u64": np.array([0, 2 ** 53, 2 ** 32, 4294967295], dtype=np.uint64),
        "flags": np.array([[True, False, True], [False, False, True]], dtype=np.bool_),
        "empty_i64": np.zeros((0,), dtype=np.int64),
    }, p, metadata={"source": "numpy"})
    files[os.path.basename(p)] = record(p)

    # 64-bit values a float64 cannot hold exactly: fromSafetensors must refuse them.
    p = os.path.join(OUT, "official-i64-beyond-2p53.safetensors")
    stnp.save_file({"ok": np.array([1.0], dtype=np.float32),
                    "counter": np.array([0, 2 ** 53 + 1], dtype=np.int64)}, p)
    files[os.path.basename(p)] = record(p)
    p = os.path.join(OUT, "official-u64-max.safetensors")
    stnp.save_file({"big": np.array([2 ** 64 - 1], dtype=np.uint64)}, p)
    files[os.path.basename(p)] = record(p)

    # A real PyTorch state dict: Linear + BatchNorm1d trained three steps (BatchNorm's
    # running statistics move, num_batches_tracked is an I64 counter of 3).
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x = torch.tensor(rs.standard_normal((8, 4)), dtype=torch.float32)
    for _ in range(3):
        opt.zero_grad()
        model(x).pow(2).mean().backward()
        opt.step()
    p = os.path.join(OUT, "official-state-dict.safetensors")
    sttorch.save_file(model.state_dict(), p, metadata={"format": "pt"})
    files[os.path.basename(p)] = record(p)

    # A file whose header is not padded (other writers do this): the official reader accepts
    # it, and its tensors sit at unaligned offsets (header length 71 + 8 = 79).
    p = os.path.join(OUT, "official-unpadded.safetensors")
    body = struct.pack("<3d", 1.5, -0.0, math.pi) + struct.pack("<2f", 0.1, -3.0)
    header = json.dumps({
        "__metadata__": {"w": "x"},
        "a": {"dtype": "F64", "shape": [3], "data_offsets": [0, 24]},
        "b": {"dtype": "F32", "shape": [2], "data_offsets": [24, 32]},
    }, separators=(",", ":")).encode()
    header = header[:-1] + b"  }"  # whitespace inside the JSON, never padding to 8
    assert (len(header) + 8) % 4 != 0, len(header)
    with open(p, "wb") as f:
        f.write(struct.pack("<Q", len(header)) + header + body)
    sttorch.load_file(p)  # the official reader must accept it
    files[os.path.basename(p)] = record(p)

    return files


def read_ours():
    """What the official library reads from the file our toSafetensors wrote."""
    p = os.path.join(OUT, "ours.safetensors")
    if not os.path.exists(p):
        print("ours.safetensors is missing: run the safetensors-ours test with SMOLML_WRITE_FIXTURES=1 first")
        sys.exit(1)
    with open(p, "rb") as f:
        ours = f.read()
    got = record(p)
    got["header_keys"] = list(header_of(p)[1].keys())
    # Torch reads it too, with the dtypes it should.
    got["torch_dtypes"] = {k: str(v.dtype) for k, v in sttorch.load_file(p).items()}
    # Given what it read, does the official writer produce these very bytes?
    with safe_open(p, framework="numpy") as f:
        arrays = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118
        meta = f.metadata()
    # The official writer orders metadata keys at random (a Rust HashMap) and ours sorts
    # them, so compare everything else byte for byte and the headers as parsed JSON.
    theirs = stnp.save(arrays, metadata=meta)
    (n_ours,), (n_theirs,) = struct.unpack("<Q", ours[:8]), struct.unpack("<Q", theirs[:8])
    h_ours, h_theirs = json.loads(ours[8:8 + n_ours]), json.loads(theirs[8:8 + n_theirs])
    got["official_rewrite"] = {
        "same_length": len(theirs) == len(ours),
        "same_header_length": n_ours == n_theirs,
        "same_header_json": h_ours == h_theirs,
        "same_tensor_order": [k for k in h_ours if k != "__metadata__"] == [k for k in h_theirs if k != "__metadata__"],
        "same_data_bytes": ours[8 + n_ours:] == theirs[8 + n_theirs:],
        "ours_header_padded_to_8": n_ours % 8 == 0,
    }
    got["bytes"] = len(ours)
    return got


def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, allow_nan=False, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote", os.path.relpath(path, REPO), os.path.getsize(path), "bytes")


if __name__ == "__main__":
    np.seterr(all="raise")
    dump(os.path.join(OUT, "official.json"), {"generator": GENERATOR, "files": write_official()})
    dump(os.path.join(OUT, "ours-read-by-official.json"), {"generator": GENERATOR, **read_ours()})
