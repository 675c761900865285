"""Checks for tl-param-groups: learning rate per child, exactly-once membership, tied and frozen
parameters, and a real optimiser step."""

from airoadmap_lab.grading.checks import Checks, expect, expect_close

checks = Checks()

BASE_LR, FACTOR = 0.1, 0.5

# Models built in the sandbox; the snippet reports each group as (lr, names of its parameters).
MODELS = """
import torch
from torch import nn

def build(kind):
    torch.manual_seed(0)
    if kind == "five":
        return nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 2))
    if kind == "frozen":
        m = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 4), nn.Linear(4, 2))
        m[0].requires_grad_(False)
        m[1].bias.requires_grad_(False)
        return m
    if kind == "tied":
        first, last = nn.Linear(4, 4), nn.Linear(4, 4)
        last.weight = first.weight  # weight tying, as between an embedding and a decoder
        return nn.Sequential(first, nn.ReLU(), nn.Linear(4, 4), last)
    if kind == "named":
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.stem = nn.Conv2d(1, 2, 3)
                self.body = nn.Sequential(nn.Conv2d(2, 2, 3), nn.ReLU())
                self.head = nn.Linear(2, 3)
        return Net()
    raise ValueError(kind)

def describe(model, groups):
    names = {id(p): name for name, p in model.named_parameters()}
    out = []
    for g in groups:
        out.append({
            "lr": g.get("lr") if isinstance(g, dict) else None,
            "params": [names.get(id(p), "?") for p in g["params"]] if isinstance(g, dict) else [],
            "keys": sorted(g) if isinstance(g, dict) else [],
        })
    return out
"""

DESCRIBE = """
model = build(kind)
result = describe(model, param_groups(model, base_lr, factor))
"""


def _groups(t, kind: str) -> list[dict]:
    got = t.run(MODELS + DESCRIBE, kind=kind, base_lr=BASE_LR, factor=FACTOR)
    expect(isinstance(got, list), "param_groups should return a list of dicts.")
    for g in got:
        expect(
            "params" in g["keys"] and "lr" in g["keys"],
            f"A group has the keys {g['keys']}; each group is a dict with 'params' and 'lr'.",
        )
    return got


def _lr_by_name(groups: list[dict]) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for g in groups:
        for name in g["params"]:
            found.setdefault(name, []).append(g["lr"])
    return found


def _compare(groups: list[dict], expected: dict[str, float], model_desc: str) -> None:
    found = _lr_by_name(groups)
    twice = [n for n, lrs in found.items() if len(lrs) > 1]
    expect(
        not twice,
        f"For {model_desc}, the parameters {twice[:3]} appear in more than one group. Each "
        "trainable parameter belongs to exactly one group (tied weights: the first child).",
    )
    extra = sorted(set(found) - set(expected))
    expect(
        not extra,
        f"For {model_desc}, the groups contain {extra[:3]}, which should not be there (frozen "
        "parameters, requires_grad=False, stay out of the optimiser).",
    )
    missing = sorted(set(expected) - set(found))
    expect(not missing, f"For {model_desc}, the parameters {missing[:3]} are in no group.")
    for name, lr in expected.items():
        expect_close(
            found[name][0],
            lr,
            what=f"learning rate of {name} in {model_desc} (child i of n gets "
            "base_lr * factor ** (n - 1 - i))",
            rtol=1e-12,
        )
    expect(
        all(g["params"] for g in groups),
        f"For {model_desc}, a group has an empty parameter list; leave such children out.",
    )


def _lr(i: int, n: int) -> float:
    return BASE_LR * FACTOR ** (n - 1 - i)


@checks.test("Sequential of 5 children: Linear, ReLU, Linear, Tanh, Linear", points=2)
def five(t):
    groups = _groups(t, "five")
    expected = {f"{i}.{p}": _lr(i, 5) for i in (0, 2, 4) for p in ("weight", "bias")}
    _compare(groups, expected, "Sequential(Linear, ReLU, Linear, Tanh, Linear)")
    expect(
        [g["lr"] for g in groups] == sorted(g["lr"] for g in groups),
        "Groups should come in the order of the children, from input to output.",
    )


@checks.test("Frozen parameters are left out (a frozen layer and a frozen bias)", points=1)
def frozen(t):
    groups = _groups(t, "frozen")
    expected = {"1.weight": _lr(1, 3), "2.weight": _lr(2, 3), "2.bias": _lr(2, 3)}
    _compare(
        groups,
        expected,
        "Sequential of 3 Linear layers, the first frozen and the second's bias frozen",
    )


@checks.test("Tied weights belong to the first child that holds them", points=1)
def tied(t):
    groups = _groups(t, "tied")
    expected = {"0.weight": _lr(0, 4), "0.bias": _lr(0, 4)}
    expected |= {"2.weight": _lr(2, 4), "2.bias": _lr(2, 4), "3.bias": _lr(3, 4)}
    _compare(
        groups,
        expected,
        "Sequential(Linear, ReLU, Linear, Linear) whose first and last layers share one weight",
    )


@checks.test("Works for any module with named children (stem, body, head)", points=1)
def named(t):
    groups = _groups(t, "named")
    expected = {"stem.weight": _lr(0, 3), "stem.bias": _lr(0, 3)}
    expected |= {"body.0.weight": _lr(1, 3), "body.0.bias": _lr(1, 3)}
    expected |= {"head.weight": _lr(2, 3), "head.bias": _lr(2, 3)}
    _compare(groups, expected, "a custom module with children stem, body, head")


STEP = """
model = build("tied")
opt = torch.optim.SGD(param_groups(model, base_lr, factor), lr=base_lr)
x = torch.linspace(-1, 1, 8).reshape(2, 4)
loss = (model(x) ** 2).sum()
opt.zero_grad()
loss.backward()
before = {n: p.detach().clone() for n, p in model.named_parameters()}
grads = {n: p.grad.clone() for n, p in model.named_parameters()}
opt.step()
result = {"before": before, "grads": grads,
          "after": {n: p.detach().clone() for n, p in model.named_parameters()}}
"""


@checks.test("torch.optim.SGD accepts the groups and each parameter moves by its own lr", points=1)
def sgd_step(t):
    got = t.run(MODELS + STEP, base_lr=BASE_LR, factor=FACTOR)
    lrs = {"0": _lr(0, 4), "2": _lr(2, 4), "3": _lr(3, 4)}
    for name, before in got["before"].items():
        lr = lrs[name.split(".")[0]]
        expect_close(
            got["after"][name],
            before - lr * got["grads"][name],
            what=f"{name} after one SGD step with your groups (it should move by lr * grad "
            f"with the lr of its group)",
            rtol=1e-6,
            atol=1e-8,
        )
