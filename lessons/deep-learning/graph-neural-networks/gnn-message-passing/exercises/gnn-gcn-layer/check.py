"""Checks for gnn-gcn-layer: the layer's formula, permutation equivariance, and SBM node
classification that may use only the training labels."""

import contextlib
import functools
from collections.abc import Iterator

import numpy as np
import torch

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


MARGIN = 0.05  # accuracy on unlabelled nodes may be this much below the reference


def _gcn_norm(A: np.ndarray) -> np.ndarray:
    A_hat = A.copy()
    idx = np.flatnonzero(np.diag(A_hat) == 0)
    A_hat[idx, idx] = 1.0
    d = 1.0 / np.sqrt(A_hat.sum(axis=1))
    return d[:, None] * A_hat * d[None, :]


def _random_graph(n: int, p: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.random((n, n)) < p, k=1)
    return (upper | upper.T).astype(float)


LAYER = """
import torch
torch.manual_seed(0)
layer = GCNLayer(3, 4)
params = [p.detach().clone() for p in layer.parameters()]
with torch.no_grad():
    out = layer(x, a_norm)
    out_perm = layer(x[perm], a_norm[perm][:, perm])
result = {"params": params, "out": out, "out_perm": out_perm}
"""


@functools.cache
def _layer_inputs() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    rng = np.random.default_rng(5)
    x = torch.tensor(rng.normal(size=(7, 3)), dtype=torch.float32)
    a_norm = torch.tensor(_gcn_norm(_random_graph(7, 0.4, seed=6)), dtype=torch.float32)
    perm = torch.tensor(rng.permutation(7))
    return x, a_norm, perm


def _run_layer(t) -> dict:
    x, a_norm, perm = _layer_inputs()
    return t.run(LAYER, x=x, a_norm=a_norm, perm=perm)


@checks.test("GCNLayer(3, 4) has one (4, 3) weight and one (4,) bias", points=1)
def parameters(t):
    shapes = sorted(tuple(p.shape) for p in _run_layer(t)["params"])
    expect(
        shapes == [(4,), (4, 3)],
        f"GCNLayer(3, 4) has parameters of shapes {shapes}; it should have exactly a weight of "
        "shape (4, 3) and a bias of shape (4,), as an nn.Linear(3, 4) would.",
    )


@checks.test("GCNLayer computes a_norm @ x @ W.T + b on a 7-node graph", points=2)
def formula(t):
    got = _run_layer(t)
    params = got["params"]
    W = next((p for p in params if p.dim() == 2), None)
    b = next((p for p in params if p.dim() == 1), None)
    if W is None or b is None or tuple(W.shape) != (4, 3):
        raise Fail("GCNLayer(3, 4) needs a (4, 3) weight and a (4,) bias (see the first test).")
    x, a_norm, _ = _layer_inputs()
    want = a_norm.double() @ x.double() @ W.double().T + b.double()
    expect_close(
        got["out"].double(),
        want,
        what="GCNLayer(3, 4) on 7 nodes (is the bias added once per node, after the mixing?)",
        rtol=1e-5,
        atol=1e-6,
    )


@checks.test("GCNLayer is permutation equivariant: f(PX, PAP^T) = P f(X, A)", points=2)
def equivariance(t):
    got = _run_layer(t)
    _, _, perm = _layer_inputs()
    expect_close(
        got["out_perm"],
        got["out"][perm],
        what="GCNLayer on renumbered nodes (x[perm], a_norm[perm][:, perm]) compared with the "
        "renumbered output: the layer must not depend on node order",
        rtol=1e-5,
        atol=1e-6,
    )


@functools.cache
def _sbm_task() -> dict:
    """120 nodes in two communities, weak features, 10 labels per community."""
    rng = np.random.default_rng(0)
    n = 120
    labels = np.repeat([0, 1], n // 2)
    prob = np.where(labels[:, None] == labels[None, :], 0.1, 0.01)
    upper = np.triu(rng.random((n, n)) < prob, k=1)
    A = (upper | upper.T).astype(float)
    x = rng.normal(size=(n, 16))
    x[:, :4] += 0.3 * (2 * labels[:, None] - 1)
    train = np.concatenate([np.flatnonzero(labels == c)[:10] for c in (0, 1)])
    test = np.setdiff1d(np.arange(n), train)
    flipped = labels.copy()
    flipped[test] = 1 - flipped[test]  # wrong on purpose: only y[train_idx] may be used
    shuffled = labels.copy()
    shuffled[test] = rng.integers(0, 2, size=len(test))
    return {
        "x": torch.tensor(x, dtype=torch.float32),
        "a_norm": torch.tensor(_gcn_norm(A), dtype=torch.float32),
        "train_idx": torch.tensor(train),
        "test": test,
        "labels": labels,
        "y_flipped": torch.tensor(flipped),
        "y_shuffled": torch.tensor(shuffled),
    }


CLASSIFY = """
pred = gcn_node_classifier(x, a_norm, y, train_idx, 2, 16, 100, 0.01, 0)
result = pred
"""


def _predict(t, y_key: str) -> np.ndarray:
    task = _sbm_task()
    pred = t.run(
        CLASSIFY, x=task["x"], a_norm=task["a_norm"], y=task[y_key], train_idx=task["train_idx"]
    )
    pred = np.asarray(pred.numpy() if isinstance(pred, torch.Tensor) else pred)
    n = len(task["labels"])
    expect(
        pred.shape == (n,),
        f"gcn_node_classifier should return one class per node, shape ({n},); got {pred.shape}.",
    )
    return pred


_REF: dict[str, float] = {}


def _reference_accuracy(t) -> float:
    if "acc" not in _REF:
        with _one_torch_thread():
            task = _sbm_task()
            pred = t.ref.gcn_node_classifier(
                task["x"], task["a_norm"], task["y_flipped"], task["train_idx"], 2, 16, 100, 0.01, 0
            ).numpy()
            _REF["acc"] = float(np.mean(pred[task["test"]] == task["labels"][task["test"]]))
    return _REF["acc"]


@checks.test("Node classification on a 120-node SBM: accuracy near the reference's", points=3)
def sbm_accuracy(t):
    task = _sbm_task()
    pred = _predict(t, "y_flipped")
    acc = float(np.mean(pred[task["test"]] == task["labels"][task["test"]]))
    ref = _reference_accuracy(t)
    expect(
        acc >= ref - MARGIN,
        f"On the 100 unlabelled nodes of a two-community graph your classifier is right "
        f"{acc:.0%} of the time; the reference reaches {ref:.0%} (pass mark {ref - MARGIN:.0%}). "
        "If it is far below 50%, it learned from labels outside train_idx (those are wrong on "
        "purpose). Otherwise check that both layers receive a_norm and that the loss uses only "
        "the training nodes.",
    )


@checks.test("Predictions do not depend on the labels of unlabelled nodes (no leakage)", points=1)
def no_leakage(t):
    first = _predict(t, "y_flipped")
    second = _predict(t, "y_shuffled")
    changed = int(np.sum(first != second))
    expect(
        changed == 0,
        f"Changing only the labels outside train_idx changed {changed} of your predictions, so "
        "those labels reach the training: that is label leakage. Index both the logits and y "
        "with train_idx in the loss.",
    )
