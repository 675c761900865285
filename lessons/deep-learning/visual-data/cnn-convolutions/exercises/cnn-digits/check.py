"""Checks for cnn-digits: shapes, architecture, budget, and accuracy after a fixed training run."""

import contextlib
import functools
from collections.abc import Iterator

import numpy as np
import torch
from sklearn.datasets import load_digits

from airoadmap_lab.grading.checks import Checks, expect, expect_equal

checks = Checks()


@contextlib.contextmanager
def _one_torch_thread() -> Iterator[None]:
    """Run reference training on one thread: on a busy 2-core grader, torch's thread pool
    fights the sandboxes for the cores and a one-second run takes half a minute."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


BUDGET = 5000
MARGIN = 0.05  # held-out accuracy may be this much below the reference network's

# The fixed training recipe; the same code trains the reference network on the trusted side.
TRAIN = """
import torch
import torch.nn.functional as F

def train_and_score(build, X, y, Xv, yv):
    torch.manual_seed(0)
    net = build()
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    g = torch.Generator().manual_seed(0)
    net.train()
    for _ in range(12):
        order = torch.randperm(len(X), generator=g)
        for i in range(0, len(X), 64):
            idx = order[i:i + 64]
            loss = F.cross_entropy(net(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    with torch.no_grad():
        return (net(Xv).argmax(dim=1) == yv).float().mean().item()
"""


@functools.cache
def _digits() -> tuple[torch.Tensor, ...]:
    """Digits as (N, 1, 8, 8) in [0, 1], split 1200 / 597 by a fixed permutation."""
    data = load_digits()
    order = np.random.default_rng(0).permutation(len(data.target))
    X = torch.tensor(data.images[order] / 16.0, dtype=torch.float32).unsqueeze(1)
    y = torch.tensor(data.target[order], dtype=torch.int64)
    return X[:1200], y[:1200], X[1200:], y[1200:]


SHAPES = """
import torch
torch.manual_seed(0)
net = build_cnn()
net.eval()
with torch.no_grad():
    outs = [net(torch.rand(n, 1, 8, 8, generator=torch.Generator().manual_seed(n))) for n in (1, 5)]
result = [
    {"shape": list(o.shape) if isinstance(o, torch.Tensor) else None,
     "sums_to_one": bool(isinstance(o, torch.Tensor) and o.dim() == 2
                         and torch.allclose(o.sum(dim=1), torch.ones(o.shape[0]), atol=1e-5))}
    for o in outs
]
"""


@checks.test("build_cnn maps (1, 1, 8, 8) and (5, 1, 8, 8) to logits of shape (N, 10)", points=1)
def shapes(t):
    got = t.run(SHAPES)
    for n, out in zip((1, 5), got, strict=True):
        expect(
            out["shape"] == [n, 10],
            f"For an input of shape ({n}, 1, 8, 8) the network returned shape {out['shape']}; "
            f"it should return ({n}, 10). Print the shape after every layer to see where it goes "
            "wrong (a Flatten before the Linear layer is the usual missing piece).",
        )
    expect(
        not all(out["sums_to_one"] for out in got),
        "Every output row sums to 1, so the network ends with a softmax. Return raw logits: "
        "cross_entropy applies log-softmax itself.",
    )


ARCH = """
import torch
torch.manual_seed(0)
net = build_cnn()
result = {
    "convs": sum(isinstance(m, torch.nn.Conv2d) for m in net.modules()),
    "trainable": sum(p.numel() for p in net.parameters() if p.requires_grad),
}
"""


@checks.test("The network contains a Conv2d layer", points=1)
def has_conv(t):
    got = t.run(ARCH)
    expect(
        got["convs"] >= 1,
        "build_cnn() has no torch.nn.Conv2d layer. This exercise is about convolutions: start "
        "with Conv2d(1, 8, kernel_size=3, padding=1) on the (N, 1, 8, 8) input.",
    )


@checks.test(f"The network has at most {BUDGET} trainable parameters", points=1)
def budget(t):
    got = t.run(ARCH)
    expect(
        got["trainable"] <= BUDGET,
        f"build_cnn() has {got['trainable']} trainable parameters, over the budget of {BUDGET}. "
        "Use fewer channels, or pool before the Linear layer so it sees fewer features.",
    )


COUNT = """
import torch
frozen = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Linear(3, 2))
frozen[0].weight.requires_grad_(False)
models = [torch.nn.Linear(3, 2), torch.nn.Conv2d(2, 4, 3), frozen, torch.nn.ReLU()]
result = [int(count_parameters(m)) for m in models]
"""


@checks.test("count_parameters counts trainable parameters (incl. a partly frozen model)", points=1)
def counting(t):
    got = t.run(COUNT)
    # Linear(3, 2): 6 + 2; Conv2d(2, 4, 3): 72 + 4; frozen: 3 + 6 + 2 trainable; ReLU: 0
    expect_equal(
        got,
        [8, 76, 11, 0],
        what="count_parameters on Linear(3, 2), Conv2d(2, 4, 3), a Sequential with one frozen "
        "weight, and ReLU (only parameters with requires_grad=True count)",
    )


_REF_CACHE: dict[str, float] = {}


def _reference_accuracy(t) -> float:
    """Held-out accuracy of the reference network under the fixed recipe (computed once)."""
    if "acc" not in _REF_CACHE:
        with _one_torch_thread():
            ns: dict = {}
            exec(TRAIN, ns)
            _REF_CACHE["acc"] = ns["train_and_score"](t.ref.build_cnn, *_digits())
    return _REF_CACHE["acc"]


@checks.test(
    "After the fixed 12-epoch run, held-out accuracy is at least reference - 0.05", points=3
)
def trained_accuracy(t):
    X, y, Xv, yv = _digits()
    acc = t.run(TRAIN + "result = train_and_score(build_cnn, X, y, Xv, yv)", X=X, y=y, Xv=Xv, yv=yv)
    ref = _reference_accuracy(t)
    expect(
        acc >= ref - MARGIN,
        f"After 12 epochs of Adam (lr 0.01) your network scores {acc:.3f} on 597 held-out "
        f"digits; the reference network scores {ref:.3f} and the pass mark is {ref - MARGIN:.3f}. "
        "Check that nothing squashes the output (no softmax or ReLU right before the logits), "
        "and that the spatial size does not shrink to 0 or 1 pixel before the head.",
    )
