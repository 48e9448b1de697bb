"""Reference trajectories for @smolml/optimizers.

Regenerate (from the repository root):
    /usr/bin/python3 scripts/reference/optimizers.py

Writes packages/optimizers/test/fixtures/optimizers-reference.json (float64) and
optimizers-reference-f32.json (float32), read by packages/optimizers/test/reference.test.ts
and reference-f32.test.ts.

Problem: least squares with two parameter arrays, w (3,) and b (1,):
    loss = mean((X @ w + b - y) ** 2),  X (10, 3)
Each case runs STEPS steps from the same start (zero grads, forward, backward, optional
clipping, optimizer step, optional schedule step) and records w and b after every step
and the loss before it.

Where our formula is PyTorch's (SGD, SGD weight decay, Adam, AdamW, RMSProp, StepLR,
ExponentialLR, CosineAnnealingLR, LinearLR, clip_grad_norm_, clip_grad_value_) the
reference is torch.optim itself. Where it is not, it is written out in numpy with
analytic gradients:
  - SGDMomentum, the original SmolML form: v = beta v + lr g; p -= v
    (nesterov: p -= beta v + lr g). With a constant learning rate this equals torch's
    v = beta v + g; p -= lr v, which the script asserts.
  - AdaGrad with epsilon inside the root: G += g^2; p -= lr / sqrt(G + eps) g.
  - A linear warm-up followed by cosine annealing (our LinearWarmup(CosineAnnealingLR)),
    whose rates are set on a torch Adam by formula.

A second problem, a 3 -> 4 -> 1 tanh network trained with torch Adam, checks that
updating layer by layer equals one step over all parameters.

The float32 pass runs every case again with the inputs rounded to float32 and computed in
float32 (torch float32; numpy float32 for the numpy forms). Each float32 case also carries
the magnitudes its values are sums of, computed in float64: for a parameter after step k,
|p_0| + sum over steps j <= k of |p_j - p_(j-1)| (the terms of the running sum of updates),
and for a loss, mean((sum_j |X_ij w_j| + |b| + |y_i|)^2). The test allows 1e-5 relative to
the larger of that and |reference|, so a value that cancels is not held to more digits
than float32 gives it.
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, Draw, generator_tag, to_json  # noqa: E402

STEPS = 25
D = Draw(seed=20240604)
X = D.normal((10, 3))
W_TRUE = np.array([1.5, -2.0, 0.5])
Y = np.round(X @ W_TRUE + 0.7 + D.normal((10,), scale=0.1), 6)
W0 = D.normal((3,))
B0 = D.normal((1,))

# The dtype of the pass being built (see build), and the inputs rounded to it.
NP = np.float64
Xd, Yd, W0d, B0d = X, Y, W0, B0
cases = []
O = torch.optim
L = torch.optim.lr_scheduler


def loss_torch(w, b):
    return ((torch.tensor(Xd) @ w + b - torch.tensor(Yd)) ** 2).mean()


def run_torch(make_opt, make_sched=None, clip=None, lr_at=None):
    w = torch.tensor(W0d, requires_grad=True)
    b = torch.tensor(B0d, requires_grad=True)
    opt = make_opt([w, b])
    sched = make_sched(opt) if make_sched else None
    traj, losses = [], []
    for k in range(STEPS):
        if lr_at is not None:
            for group in opt.param_groups:
                group["lr"] = lr_at(k)
        opt.zero_grad()
        loss = loss_torch(w, b)
        loss.backward()
        if clip is not None:
            clip([w, b])
        opt.step()
        if sched is not None:
            sched.step()
        losses.append(loss.item())
        traj.append([float(v) for v in np.concatenate([w.detach().numpy(), b.detach().numpy()])])
    return traj, losses, loss_scales(traj)


def grads_numpy(w, b):
    r = Xd @ w + b[0] - Yd
    n = len(Y)
    return 2.0 / n * (Xd.T @ r), np.array([2.0 / n * r.sum()], dtype=NP), float((r * r).mean())


def run_numpy(update, lr_at=None):
    """update(k, params, grads, state) -> None, modifying params in place."""
    params = [W0d.copy(), B0d.copy()]
    state = [{}, {}]
    traj, losses = [], []
    for k in range(STEPS):
        gw, gb, loss = grads_numpy(*params)
        for p, g, s in zip(params, [gw, gb], state):
            update(k, p, g, s)
        losses.append(loss)
        traj.append([float(v) for v in np.concatenate(params)])
    return traj, losses, loss_scales(traj)


def loss_scales(traj):
    """Per step, the magnitudes the loss before it sums: mean((sum_j |X_ij w_j| + |b| + |y_i|)^2)."""
    start = [np.concatenate([W0d, B0d]).astype(np.float64)] + [np.asarray(t) for t in traj[:-1]]
    X64, Y64 = Xd.astype(np.float64), Yd.astype(np.float64)
    return [float(((np.abs(X64) @ np.abs(p[:3]) + abs(p[3]) + np.abs(Y64)) ** 2).mean()) for p in start]


def trajectory_scales(first, traj):
    """Per step and element, |p_0| + sum of |p_j - p_(j-1)| up to that step (float64)."""
    prev = np.asarray(first, dtype=np.float64)
    acc = np.abs(prev)
    out = []
    for t in traj:
        t = np.asarray(t, dtype=np.float64)
        acc = acc + np.abs(t - prev)
        prev = t
        out.append([float(v) for v in acc])
    return out


def add(name, optimizer, options, result, schedule=None, clip=None, reference="torch"):
    traj, losses, lscales = result
    assert np.all(np.isfinite(traj)), name
    case = {
        "name": name, "reference": reference, "optimizer": optimizer, "options": options,
        "schedule": schedule, "clip": clip, "losses": losses, "trajectory": traj,
    }
    if NP == np.float32:
        case["lossScale"] = lscales
        case["trajectoryScale"] = trajectory_scales(np.concatenate([W0d, B0d]), traj)
    cases.append(case)


def warmup_cosine(k, base=0.1, warm=5, t_max=15, eta_min=0.0):
    if k < warm:
        return base * (k / warm)
    t = min(k - warm, t_max)
    return eta_min + (base - eta_min) * (1 + math.cos(math.pi * t / t_max)) / 2


# The numpy forms of our rules where they are not PyTorch's.
def momentum(lr, beta, nesterov=False, wd=0.0, lr_at=None):
    def update(k, p, g, s):
        a = lr if lr_at is None else lr_at(k)
        g = g + wd * p if wd else g
        v = s.get("v", np.zeros_like(p))
        v = beta * v + a * g
        s["v"] = v
        p -= (beta * v + a * g) if nesterov else v
    return update


def adagrad(lr, eps, initial=0.0):
    def update(k, p, g, s):
        G = s.get("G", np.full_like(p, initial)) + g * g
        s["G"] = G
        p -= (lr / np.sqrt(G + eps)) * g
    return update


def build(dt):
    """Every case computed in torch dtype `dt` (the numpy forms in the matching numpy dtype)."""
    global NP, Xd, Yd, W0d, B0d, cases
    NP = np.float64 if dt == torch.float64 else np.float32
    Xd, Yd, W0d, B0d = (a.astype(NP) for a in (X, Y, W0, B0))
    cases = []

    # -------------------------------------------------------------- torch.optim
    add("SGD", "SGD", {"learningRate": 0.05}, run_torch(lambda p: O.SGD(p, lr=0.05)))
    add("SGD weightDecay", "SGD", {"learningRate": 0.05, "weightDecay": 0.1},
        run_torch(lambda p: O.SGD(p, lr=0.05, weight_decay=0.1)))
    add("Adam defaults (lr 0.01)", "Adam", {},
        run_torch(lambda p: O.Adam(p, lr=0.01, betas=(0.9, 0.999), eps=1e-8)))
    add("Adam custom betas, eps, L2", "Adam",
        {"learningRate": 0.05, "expDecayGradients": 0.8, "expDecaySquared": 0.99, "epsilon": 1e-6, "weightDecay": 0.01},
        run_torch(lambda p: O.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.01)))
    add("AdamW", "AdamW", {"learningRate": 0.05, "weightDecay": 0.1},
        run_torch(lambda p: O.AdamW(p, lr=0.05, weight_decay=0.1)))
    add("AdamW defaults (lr 0.01, decay 0.01)", "AdamW", {},
        run_torch(lambda p: O.AdamW(p, lr=0.01, weight_decay=0.01)))
    add("RMSProp", "RMSProp", {"learningRate": 0.01, "expDecaySquared": 0.9},
        run_torch(lambda p: O.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-8)))
    add("RMSProp momentum centered", "RMSProp",
        {"learningRate": 0.01, "expDecaySquared": 0.95, "epsilon": 1e-6, "momentum": 0.6, "centered": True},
        run_torch(lambda p: O.RMSprop(p, lr=0.01, alpha=0.95, eps=1e-6, momentum=0.6, centered=True)))
    add("RMSProp momentum weightDecay", "RMSProp",
        {"learningRate": 0.01, "momentum": 0.3, "weightDecay": 0.05},
        run_torch(lambda p: O.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-8, momentum=0.3, weight_decay=0.05)))

    # -------------------------------------------------------------- schedules and clipping
    add("SGD + StepLR", "SGD", {"learningRate": 0.08},
        run_torch(lambda p: O.SGD(p, lr=0.08), lambda o: L.StepLR(o, step_size=5, gamma=0.5)),
        schedule={"type": "StepLR", "options": {"stepSize": 5, "gamma": 0.5}})
    add("Adam + ExponentialLR", "Adam", {"learningRate": 0.1},
        run_torch(lambda p: O.Adam(p, lr=0.1), lambda o: L.ExponentialLR(o, gamma=0.9)),
        schedule={"type": "ExponentialLR", "options": {"gamma": 0.9}})
    add("SGD + CosineAnnealingLR", "SGD", {"learningRate": 0.08},
        run_torch(lambda p: O.SGD(p, lr=0.08), lambda o: L.CosineAnnealingLR(o, T_max=STEPS, eta_min=0.001)),
        schedule={"type": "CosineAnnealingLR", "options": {"tMax": STEPS, "minLearningRate": 0.001}})
    add("Adam + LinearWarmup (LinearLR)", "Adam", {"learningRate": 0.1},
        run_torch(lambda p: O.Adam(p, lr=0.1), lambda o: L.LinearLR(o, start_factor=0.25, total_iters=10)),
        schedule={"type": "LinearWarmup", "options": {"warmupSteps": 10, "startFactor": 0.25}})
    add("Adam + LinearWarmup(CosineAnnealingLR), rates by formula", "Adam", {"learningRate": 0.1},
        run_torch(lambda p: O.Adam(p, lr=0.1), lr_at=warmup_cosine),
        schedule={"type": "LinearWarmup", "options": {"warmupSteps": 5},
                  "after": {"type": "CosineAnnealingLR", "options": {"tMax": 15}}})
    add("SGD + clipGradNorm", "SGD", {"learningRate": 0.1},
        run_torch(lambda p: O.SGD(p, lr=0.1), clip=lambda ps: torch.nn.utils.clip_grad_norm_(ps, 0.5)),
        clip={"type": "norm", "max": 0.5})
    add("Adam + clipGradValue", "Adam", {"learningRate": 0.05},
        run_torch(lambda p: O.Adam(p, lr=0.05), clip=lambda ps: torch.nn.utils.clip_grad_value_(ps, 0.3)),
        clip={"type": "value", "max": 0.3})

    # -------------------------------------------------------------- numpy: our own forms
    mom = run_numpy(momentum(0.02, 0.9))
    torch_mom = run_torch(lambda p: O.SGD(p, lr=0.02, momentum=0.9))
    RTOL = 1e-12 if NP == np.float64 else 1e-5
    assert np.allclose(mom[0], torch_mom[0], rtol=RTOL, atol=0), "constant-lr momentum forms should agree"
    nest = run_numpy(momentum(0.02, 0.9, nesterov=True))
    torch_nest = run_torch(lambda p: O.SGD(p, lr=0.02, momentum=0.9, nesterov=True))
    assert np.allclose(nest[0], torch_nest[0], rtol=RTOL, atol=0), "constant-lr Nesterov forms should agree"
    add("SGDMomentum (original form)", "SGDMomentum", {"learningRate": 0.02, "momentumCoefficient": 0.9},
        mom, reference="numpy")
    add("SGDMomentum defaults", "SGDMomentum", {}, run_numpy(momentum(0.01, 0.9)), reference="numpy")
    add("SGDMomentum nesterov", "SGDMomentum", {"learningRate": 0.02, "momentumCoefficient": 0.9, "nesterov": True},
        nest, reference="numpy")
    add("SGDMomentum weightDecay", "SGDMomentum", {"learningRate": 0.02, "momentumCoefficient": 0.8, "weightDecay": 0.05},
        run_numpy(momentum(0.02, 0.8, wd=0.05)), reference="numpy")
    add("SGDMomentum + StepLR (lr inside the velocity)", "SGDMomentum", {"learningRate": 0.04, "momentumCoefficient": 0.9},
        run_numpy(momentum(0.04, 0.9, lr_at=lambda k: 0.04 * 0.5 ** (k // 5))), reference="numpy",
        schedule={"type": "StepLR", "options": {"stepSize": 5, "gamma": 0.5}})
    add("AdaGrad (eps inside the root)", "AdaGrad", {"learningRate": 0.2},
        run_numpy(adagrad(0.2, 1e-8)), reference="numpy")
    add("AdaGrad large eps, initial accumulator", "AdaGrad",
        {"learningRate": 0.5, "epsilon": 0.5, "initialAccumulatorValue": 0.1},
        run_numpy(adagrad(0.5, 0.5, 0.1)), reference="numpy")

    # -------------------------------------------------------------- two-layer network
    D2 = Draw(seed=20240605)
    NX = D2.normal((8, 3))
    NY = D2.normal((8, 1))
    NET0 = {"w1": D2.normal((3, 4), 0.5), "b1": D2.normal((4,), 0.1), "w2": D2.normal((4, 1), 0.5), "b2": D2.normal((1,), 0.1)}
    ORDER = ["w1", "b1", "w2", "b2"]
    NET0d = {k: v.astype(NP) for k, v in NET0.items()}
    ps = {k: torch.tensor(v, requires_grad=True) for k, v in NET0d.items()}
    opt = O.Adam([ps[k] for k in ORDER], lr=0.05)
    NXd, NYd = NX.astype(NP), NY.astype(NP)
    net_traj, net_losses, net_lscales = [], [], []
    for _ in range(STEPS):
        opt.zero_grad()
        h = torch.tanh(torch.tensor(NXd) @ ps["w1"] + ps["b1"])
        out = h @ ps["w2"] + ps["b2"]
        loss = ((out - torch.tensor(NYd)) ** 2).mean()
        if NP == np.float32:
            # the magnitudes the loss sums, from the parameters before this step, in float64
            h64 = np.tanh(NXd.astype(np.float64) @ ps["w1"].detach().numpy().astype(np.float64) + ps["b1"].detach().numpy())
            mag = np.abs(h64) @ np.abs(ps["w2"].detach().numpy().astype(np.float64)) + np.abs(ps["b2"].detach().numpy()) + np.abs(NYd)
            net_lscales.append(float((mag ** 2).mean()))
        loss.backward()
        opt.step()
        net_losses.append(loss.item())
        net_traj.append({k: to_json(ps[k]) for k in ORDER})
    net_case = {
        "name": "two-layer tanh network, Adam lr 0.05", "reference": "torch", "network": True,
        "x": to_json(NXd), "y": to_json(NYd), "init": {k: to_json(v) for k, v in NET0d.items()},
        "losses": net_losses, "trajectory": net_traj,
    }
    if NP == np.float32:
        net_case["lossScale"] = net_lscales
        net_case["trajectoryScale"] = [
            {k: s for k, s in zip(ORDER, per_step)}
            for per_step in zip(*(trajectory_scales(NET0d[k].reshape(-1), [net_traj[i][k]["data"] for i in range(STEPS)]) for k in ORDER))
        ]
    fixture_cases = cases + [net_case]
    return fixture_cases


def write(name, tag, dt):
    fixture_cases = build(dt)
    problem = {"X": to_json(Xd), "y": to_json(Yd), "w0": to_json(W0d), "b0": to_json(B0d), "steps": STEPS}
    path = os.path.join(REPO, "packages/optimizers/test/fixtures", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    dump = lambda o: json.dumps(o, allow_nan=False, separators=(",", ":"))  # noqa: E731
    with open(path, "w") as f:
        # one case per line: small diffs on regeneration, still valid JSON
        f.write('{"generator": %s,\n "problem": %s,\n "cases": [\n' % (json.dumps(tag), dump(problem)))
        f.write(",\n".join(dump(c) for c in fixture_cases))
        f.write("\n]}\n")
    print("wrote %s (%d cases, %d bytes)" % (path, len(fixture_cases), os.path.getsize(path)))


write("optimizers-reference.json", generator_tag("optimizers.py"), torch.float64)
write("optimizers-reference-f32.json", generator_tag("optimizers.py").replace("(float64)", "(float32)"), torch.float32)
