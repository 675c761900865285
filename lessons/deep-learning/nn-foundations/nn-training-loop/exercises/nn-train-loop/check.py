"""Checks for nn-train-loop: replay of the SGD trajectory, accuracy, and a seeded digits run."""

import contextlib
import functools
from collections.abc import Iterator

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_close

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


# Built identically in the sandbox (snippet below) and here; the weights are sent, not re-drawn.
SMALL_NET = """
import torch
small_net = torch.nn.Sequential(
    torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
).double()
small_net.load_state_dict(state)
"""

DIGITS_NET = """
import torch
digits_net = torch.nn.Sequential(
    torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)
)
digits_net.load_state_dict(state)
"""

MARGIN = 0.03  # held-out accuracy may be this much below the reference run


def _small_net(state: dict) -> torch.nn.Module:
    ns: dict = {"state": state}
    exec(SMALL_NET, ns)
    return ns["small_net"]


def _digits_net(state: dict) -> torch.nn.Module:
    ns: dict = {"state": state}
    exec(DIGITS_NET, ns)
    return ns["digits_net"]


@functools.cache
def _small_problem() -> tuple[dict, torch.Tensor, torch.Tensor]:
    """Initial weights of the small float64 net and a 12-point, 3-class problem."""
    torch.manual_seed(1)
    net = torch.nn.Sequential(
        torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
    ).double()
    state = {k: v.detach().clone() for k, v in net.state_dict().items()}
    rng = np.random.default_rng(2)
    X = torch.tensor(rng.normal(size=(12, 4)))
    y = torch.tensor(rng.integers(0, 3, size=12))
    return state, X, y


def _replay(state: dict, X, y, lr: float, steps: int) -> tuple[list[float], dict]:
    """The reference trajectory: losses before each update and the final weights."""
    net = _small_net({k: v.clone() for k, v in state.items()})
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = F.cross_entropy(net(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses, {k: v.detach().clone() for k, v in net.state_dict().items()}


RUN_STEPS = """
import torch
losses = train_steps(small_net, X, y, lr, steps)
result = {
    "losses": [float(v) for v in losses],
    "state": {k: v.detach().clone() for k, v in small_net.state_dict().items()},
}
"""


def _learner_steps(t, lr: float, steps: int) -> dict:
    state, X, y = _small_problem()
    got = t.run(SMALL_NET + RUN_STEPS, state=state, X=X, y=y, lr=lr, steps=steps)
    expect(
        isinstance(got, dict) and isinstance(got.get("losses"), list),
        "train_steps should return a list of floats (one loss per step).",
    )
    return got


@checks.test("train_steps: 6 steps on a 12-point problem follow the reference losses", points=3)
def trajectory(t):
    got = _learner_steps(t, lr=0.5, steps=6)
    state, X, y = _small_problem()
    want, _ = _replay(state, X, y, lr=0.5, steps=6)
    losses = got["losses"]
    expect(
        len(losses) == len(want),
        f"train_steps(..., steps=6) returned {len(losses)} losses; it should return exactly one "
        "per step.",
    )
    for i, (g, e) in enumerate(zip(losses, want, strict=True)):
        if abs(g - e) > 1e-9 * max(1.0, abs(e)):
            if i == 0:
                raise Fail(
                    "The first loss of train_steps (step 1 of 6, 12 points, 3 classes) is not "
                    "the mean cross-entropy of the untouched model. Record the loss computed "
                    "before optimizer.step(), with F.cross_entropy(model(X), y)."
                )
            raise Fail(
                f"train_steps: the first {i} loss(es) match but step {i + 1} of 6 does not. The "
                "update is "
                "different from plain SGD: are the gradients cleared with zero_grad() before "
                "every backward()? Is lr used as given, without momentum?"
            )


@checks.test("train_steps: weights after 6 steps equal plain SGD's", points=1)
def final_weights(t):
    got = _learner_steps(t, lr=0.5, steps=6)
    state, X, y = _small_problem()
    _, want = _replay(state, X, y, lr=0.5, steps=6)
    for name, tensor in want.items():
        expect_close(
            got["state"][name],
            tensor,
            what=f"parameter {name} after train_steps(..., lr=0.5, steps=6)",
            rtol=1e-8,
        )


@checks.test("train_steps with steps=0 returns [] and leaves the model unchanged", points=1)
def zero_steps(t):
    got = _learner_steps(t, lr=0.5, steps=0)
    state, _, _ = _small_problem()
    expect(got["losses"] == [], "train_steps(..., steps=0) should return an empty list.")
    for name, tensor in state.items():
        expect_close(got["state"][name], tensor, what=f"parameter {name} after steps=0", rtol=0)


@functools.cache
def _digits() -> tuple[torch.Tensor, ...]:
    """Digits scaled to [0, 1], split 1200 train / 597 held out by a fixed permutation."""
    data = load_digits()
    order = np.random.default_rng(0).permutation(len(data.target))
    X = torch.tensor(data.data[order] / 16.0, dtype=torch.float32)
    y = torch.tensor(data.target[order], dtype=torch.int64)
    return X[:1200], y[:1200], X[1200:], y[1200:]


@functools.cache
def _digits_init() -> dict:
    torch.manual_seed(3)
    net = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
    return {k: v.detach().clone() for k, v in net.state_dict().items()}


OVERFIT = """
losses = train_steps(digits_net, X, y, 0.5, 150)
result = float(losses[-1]) if len(losses) else None
"""


@checks.test("train_steps can overfit one batch of 32 digits (loss below 0.05 in 150 steps)")
def overfit_one_batch(t):
    X, y, _, _ = _digits()
    last = t.run(DIGITS_NET + OVERFIT, state=_digits_init(), X=X[:32], y=y[:32])
    expect(last is not None, "train_steps(..., steps=150) returned no losses.")
    expect(
        last < 0.05,
        f"After 150 full-batch steps at lr=0.5 on 32 digits the loss is still {last:.3f}. A "
        "correct loop drives it below 0.05: a network this size can memorise 32 examples. If "
        "the loss barely moves, check that optimizer.step() runs every step.",
    )


ACCURACY = """
import torch
before = {k: v.clone() for k, v in digits_net.state_dict().items()}
acc = accuracy(digits_net, X, y)
unchanged = all(torch.equal(before[k], v) for k, v in digits_net.state_dict().items())
result = {"acc": float(acc) if isinstance(acc, float) else None, "type": type(acc).__name__,
          "unchanged": unchanged}
"""


@checks.test("accuracy matches argmax(logits) == y on 597 held-out digits", points=1)
def accuracy_value(t):
    _, _, Xv, yv = _digits()
    state = _digits_init()
    got = t.run(DIGITS_NET + ACCURACY, state=state, X=Xv, y=yv)
    expect(
        got["acc"] is not None,
        f"accuracy returned a {got['type']}; return a Python float (for a tensor, use .item()).",
    )
    expect(got["unchanged"], "accuracy changed the model's weights; it should only evaluate.")
    with torch.no_grad():
        want = (_digits_net(state)(Xv).argmax(dim=1) == yv).float().mean().item()
    expect_close(got["acc"], want, what="accuracy of an untrained net on 597 digits", rtol=1e-6)


FIT = """
import torch
history = fit(digits_net, X, y, 8, 0.05, 32, 0)
acc = accuracy(digits_net, Xv, yv)
result = {"history": [float(v) for v in history], "acc": float(acc)}
"""


@checks.test("fit: 8 epochs on 1200 digits reach the reference held-out accuracy - 0.03", points=3)
def fit_digits(t):
    X, y, Xv, yv = _digits()
    got = t.run(DIGITS_NET + FIT, state=_digits_init(), X=X, y=y, Xv=Xv, yv=yv)
    history = got["history"]
    expect(
        len(history) == 8,
        f"fit(..., epochs=8, ...) returned {len(history)} values; return one mean loss per epoch.",
    )
    expect(
        history[-1] < history[0],
        "fit's mean loss did not go down from the first epoch to the last on 1200 digits. Check "
        "that every mini-batch gets its own forward pass, zero_grad, backward and step.",
    )
    ref = _reference_accuracy(t)
    expect(
        got["acc"] >= ref - MARGIN,
        f"After fit(..., epochs=8, lr=0.05, batch_size=32) the held-out accuracy is "
        f"{got['acc']:.3f}, more than {MARGIN} below the reference run ({ref:.3f}). Check that "
        "each epoch visits every row once, in a shuffled order, and that SGD uses momentum=0.9.",
    )


_REF_CACHE: dict[str, float] = {}


def _reference_accuracy(t) -> float:
    """Held-out accuracy of the reference fit (computed once per process)."""
    if "acc" not in _REF_CACHE:
        with _one_torch_thread():
            X, y, Xv, yv = _digits()
            torch.manual_seed(0)
            net = _digits_net(_digits_init())
            t.ref.fit(net, X, y, 8, 0.05, 32, 0)
            _REF_CACHE["acc"] = t.ref.accuracy(net, Xv, yv)
    return _REF_CACHE["acc"]
