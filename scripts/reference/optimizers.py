"""Reference trajectories for @smolml/optimizers.

Regenerate (from the repository root):
    /usr/bin/python3 scripts/reference/optimizers.py

Writes packages/optimizers/test/fixtures/optimizers-reference.json, read by
packages/optimizers/test/reference.test.ts.

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

cases = []


def loss_torch(w, b):
    return ((torch.tensor(X) @ w + b - torch.tensor(Y)) ** 2).mean()


def run_torch(make_opt, make_sched=None, clip=None, lr_at=None):
    w = torch.tensor(W0, requires_grad=True)
    b = torch.tensor(B0, requires_grad=True)
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
    return traj, losses


def grads_numpy(w, b):
    r = X @ w + b[0] - Y
    n = len(Y)
    return 2.0 / n * (X.T @ r), np.array([2.0 / n * r.sum()]), float((r * r).mean())


def run_numpy(update, lr_at=None):
    """update(k, params, grads, state) -> None, modifying params in place."""
    params = [W0.copy(), B0.copy()]
    state = [{}, {}]
    traj, losses = [], []
    for k in range(STEPS):
        gw, gb, loss = grads_numpy(*params)
        for p, g, s in zip(params, [gw, gb], state):
            update(k, p, g, s)
        losses.append(loss)
        traj.append([float(v) for v in np.concatenate(params)])
    return traj, losses


def add(name, optimizer, options, result, schedule=None, clip=None, reference="torch"):
    traj, losses = result
    assert np.all(np.isfinite(traj)), name
    cases.append({
        "name": name, "reference": reference, "optimizer": optimizer, "options": options,
        "schedule": schedule, "clip": clip, "losses": losses, "trajectory": traj,
    })


# ------------------------------------------------------------------ torch.optim
O = torch.optim
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

# ------------------------------------------------------------------ schedules and clipping
L = torch.optim.lr_scheduler
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


def warmup_cosine(k, base=0.1, warm=5, t_max=15, eta_min=0.0):
    if k < warm:
        return base * (k / warm)
    t = min(k - warm, t_max)
    return eta_min + (base - eta_min) * (1 + math.cos(math.pi * t / t_max)) / 2


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


# ------------------------------------------------------------------ numpy: our own forms
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


mom = run_numpy(momentum(0.02, 0.9))
torch_mom = run_torch(lambda p: O.SGD(p, lr=0.02, momentum=0.9))
assert np.allclose(mom[0], torch_mom[0], rtol=1e-12, atol=0), "constant-lr momentum forms should agree"
nest = run_numpy(momentum(0.02, 0.9, nesterov=True))
torch_nest = run_torch(lambda p: O.SGD(p, lr=0.02, momentum=0.9, nesterov=True))
assert np.allclose(nest[0], torch_nest[0], rtol=1e-12, atol=0), "constant-lr Nesterov forms should agree"

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

# ------------------------------------------------------------------ two-layer network
D2 = Draw(seed=20240605)
NX = D2.normal((8, 3))
NY = D2.normal((8, 1))
NET0 = {"w1": D2.normal((3, 4), 0.5), "b1": D2.normal((4,), 0.1), "w2": D2.normal((4, 1), 0.5), "b2": D2.normal((1,), 0.1)}
ORDER = ["w1", "b1", "w2", "b2"]
ps = {k: torch.tensor(v, requires_grad=True) for k, v in NET0.items()}
opt = O.Adam([ps[k] for k in ORDER], lr=0.05)
net_traj, net_losses = [], []
for _ in range(STEPS):
    opt.zero_grad()
    h = torch.tanh(torch.tensor(NX) @ ps["w1"] + ps["b1"])
    out = h @ ps["w2"] + ps["b2"]
    loss = ((out - torch.tensor(NY)) ** 2).mean()
    loss.backward()
    opt.step()
    net_losses.append(loss.item())
    net_traj.append({k: to_json(ps[k]) for k in ORDER})

fixture_cases = cases + [{
    "name": "two-layer tanh network, Adam lr 0.05", "reference": "torch", "network": True,
    "x": to_json(NX), "y": to_json(NY), "init": {k: to_json(v) for k, v in NET0.items()},
    "losses": net_losses, "trajectory": net_traj,
}]

problem = {"X": to_json(X), "y": to_json(Y), "w0": to_json(W0), "b0": to_json(B0), "steps": STEPS}
path = os.path.join(REPO, "packages/optimizers/test/fixtures/optimizers-reference.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
dump = lambda o: json.dumps(o, allow_nan=False, separators=(",", ":"))  # noqa: E731
with open(path, "w") as f:
    # one case per line: small diffs on regeneration, still valid JSON
    f.write('{"generator": %s,\n "problem": %s,\n "cases": [\n' % (json.dumps(generator_tag("optimizers.py")), dump(problem)))
    f.write(",\n".join(dump(c) for c in fixture_cases))
    f.write("\n]}\n")
print("wrote %s (%d cases, %d bytes)" % (path, len(fixture_cases), os.path.getsize(path)))
