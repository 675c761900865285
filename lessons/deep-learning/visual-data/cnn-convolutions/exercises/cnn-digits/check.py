"""Checks for cnn-digits: shapes, architecture, budget, and accuracy after a fixed training run.

Every score is decided on the trusted side: the network ``build_cnn`` returns is described as
standard torch.nn layers and rebuilt here (``export``), then run, counted and trained here with
a fresh initialisation, so nothing the sandbox measures or keeps (weights included) can lift a
score. ``count_parameters`` is judged on modules of sizes drawn per attempt.
"""

import contextlib
import functools
from collections.abc import Iterator

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_equal

checks = Checks()


@contextlib.contextmanager
def _one_torch_thread() -> Iterator[None]:
    """Run training on one thread: on a busy 2-core grader, torch's thread pool fights the
    sandboxes for the cores and a one-second run takes half a minute."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


BUDGET = 5000
MARGIN = 0.05  # held-out accuracy may be this much below the reference network's
MAX_ACTIVATIONS = 50_000  # values one image may produce across all layers (keeps training cheap)


def train_and_score(net: torch.nn.Module, X, y, Xv, yv) -> float:
    """The fixed recipe: Adam lr 0.01, 12 epochs, batches of 64; held-out accuracy."""
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    g = torch.Generator().manual_seed(0)
    net.train()
    for _ in range(12):
        order = torch.randperm(len(X), generator=g)
        for i in range(0, len(X), 64):
            idx = order[i : i + 64]
            loss = F.cross_entropy(net(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    with torch.no_grad():
        return (net(Xv).argmax(dim=1) == yv).float().mean().item()


@functools.cache
def _digits() -> tuple[torch.Tensor, ...]:
    """Digits as (N, 1, 8, 8) in [0, 1], split 1200 / 597 by a fixed permutation."""
    data = load_digits()
    order = np.random.default_rng(0).permutation(len(data.target))
    X = torch.tensor(data.images[order] / 16.0, dtype=torch.float32).unsqueeze(1)
    y = torch.tensor(data.target[order], dtype=torch.int64)
    return X[:1200], y[:1200], X[1200:], y[1200:]


def _network(t, with_state: bool = True) -> torch.nn.Module:
    """The learner's network, rebuilt here from its layers (fresh weights: seeded with 0)."""
    remote = t.call("build_cnn", keep=True)
    torch.manual_seed(0)
    return remote.export(with_state=with_state)


def _trainable(net: torch.nn.Module) -> int:
    return sum(p.numel() for p in net.parameters() if p.requires_grad)


def _forward(net: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Run the rebuilt network; a shape mistake becomes a message, not a crash."""
    net.eval()
    try:
        with torch.no_grad():
            return net(x)
    except (RuntimeError, ValueError, IndexError) as exc:
        raise Fail(
            f"Your network fails on an input of shape {tuple(x.shape)}: {str(exc)[:300]}. Print "
            "the shape after every layer to see where it goes wrong (a Flatten before the "
            "Linear layer is the usual missing piece)."
        ) from None


def _activations(net: torch.nn.Module) -> int:
    """How many values one image produces across the layers (to refuse runaway sizes)."""
    sizes: list[int] = []
    hooks = [
        m.register_forward_hook(lambda _m, _i, out: sizes.append(out.numel()))
        for m in net.modules()
        if not isinstance(m, torch.nn.Sequential)
    ]
    try:
        _forward(net, torch.zeros(1, 1, 8, 8))
    finally:
        for h in hooks:
            h.remove()
    return sum(sizes)


@checks.test("build_cnn maps (1, 1, 8, 8) and (5, 1, 8, 8) to logits of shape (N, 10)", points=1)
def shapes(t):
    net = _network(t)
    sums_to_one = []
    for n in (1, 5):
        out = _forward(net, torch.from_numpy(t.rng.random((n, 1, 8, 8), dtype=np.float32)))
        expect(
            list(out.shape) == [n, 10],
            f"For an input of shape ({n}, 1, 8, 8) the network returned shape "
            f"{list(out.shape)}; it should return ({n}, 10). Print the shape after every layer "
            "to see where it goes wrong (a Flatten before the Linear layer is the usual missing "
            "piece).",
        )
        sums_to_one.append(bool(torch.allclose(out.sum(dim=1), torch.ones(n), atol=1e-5)))
    expect(
        not all(sums_to_one),
        "Every output row sums to 1, so the network ends with a softmax. Return raw logits: "
        "cross_entropy applies log-softmax itself.",
    )


@checks.test("The network contains a Conv2d layer", points=1)
def has_conv(t):
    expect(
        any(isinstance(m, torch.nn.Conv2d) for m in _network(t).modules()),
        "build_cnn() has no torch.nn.Conv2d layer. This exercise is about convolutions: start "
        "with Conv2d(1, 8, kernel_size=3, padding=1) on the (N, 1, 8, 8) input.",
    )


@checks.test(f"The network has at most {BUDGET} trainable parameters", points=1)
def budget(t):
    trainable = _trainable(_network(t))
    expect(
        trainable <= BUDGET,
        f"build_cnn() has {trainable} trainable parameters, over the budget of {BUDGET}. "
        "Use fewer channels, or pool before the Linear layer so it sees fewer features.",
    )


@checks.test("count_parameters counts trainable parameters (incl. a partly frozen model)", points=1)
def counting(t):
    a, b, c = (int(v) for v in t.rng.integers(2, 9, size=3))
    frozen = torch.nn.Sequential(torch.nn.Linear(a, b), torch.nn.Linear(b, c))
    frozen[0].weight.requires_grad_(False)
    models = [torch.nn.Linear(a, c), torch.nn.Conv2d(c, b, 3), frozen, torch.nn.ReLU()]
    got = [t.call("count_parameters", t.put(m)) for m in models]
    expect_equal(
        got,
        [_trainable(m) for m in models],
        what=f"count_parameters on Linear({a}, {c}), Conv2d({c}, {b}, 3), a Sequential with one "
        "frozen weight, and ReLU (only parameters with requires_grad=True count)",
    )


_REF_CACHE: dict[str, float] = {}


def _reference(t) -> float:
    if "acc" not in _REF_CACHE:
        with _one_torch_thread():
            torch.manual_seed(0)
            _REF_CACHE["acc"] = train_and_score(t.ref.build_cnn(), *_digits())
    return _REF_CACHE["acc"]


@checks.test(
    "After the fixed 12-epoch run, held-out accuracy is at least reference - 0.05", points=3
)
def trained_accuracy(t):
    net = _network(t, with_state=False)
    trainable = _trainable(net)
    if trainable > BUDGET or _activations(net) > MAX_ACTIVATIONS:
        raise Fail(
            f"Not trained: the network is too large for this exercise ({trainable} trainable "
            f"parameters, budget {BUDGET}). Make it smaller first."
        )
    with _one_torch_thread():
        try:
            acc = train_and_score(net, *_digits())
        except (RuntimeError, ValueError, IndexError) as exc:
            raise Fail(f"Training your network failed: {str(exc)[:300]}.") from None
    ref = _reference(t)
    expect(
        acc >= ref - MARGIN,
        f"After 12 epochs of Adam (lr 0.01) your network scores {acc:.3f} on 597 held-out "
        f"digits; the reference network scores {ref:.3f} and the pass mark is {ref - MARGIN:.3f}. "
        "Check that nothing squashes the output (no softmax or ReLU right before the logits), "
        "and that the spatial size does not shrink to 0 or 1 pixel before the head.",
    )
