"""Checks for tl-freeze-finetune: freezing, a bit-identical backbone, and few-shot transfer that
beats training from scratch."""

import contextlib
import functools
from collections.abc import Iterator

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits

from airoadmap_lab.grading.checks import Checks, expect

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


MARGIN = 0.05  # held-out accuracy may be this much below the reference solution's
SHOTS = 5  # labelled images per class of the new task
EPOCHS, LR = 100, 0.05

# The backbone architecture, built the same way on both sides (weights are sent as data).
BACKBONE = """
import torch
from torch import nn
def make_backbone():
    return nn.Sequential(
        nn.Linear(64, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU()
    )
"""


def _make_backbone() -> torch.nn.Module:
    ns: dict = {}
    exec(BACKBONE, ns)
    return ns["make_backbone"]()


@functools.cache
def _data() -> dict:
    """Source task: 10 digits on 1,000 images. Target: digit mod 3 on the 797 others."""
    digits = load_digits()
    order = np.random.default_rng(0).permutation(len(digits.target))
    X = torch.tensor(digits.data[order] / 16.0, dtype=torch.float32)
    y = torch.tensor(digits.target[order])
    Xt, yt = X[1000:], y[1000:] % 3
    rng = np.random.default_rng(10)
    train = np.concatenate(
        [rng.choice(np.flatnonzero(yt.numpy() == c), SHOTS, replace=False) for c in range(3)]
    )
    test = np.setdiff1d(np.arange(len(yt)), train)
    return {
        "Xs": X[:1000],
        "ys": y[:1000],
        "X": Xt[train],
        "y": yt[train],
        "Xte": Xt[test],
        "yte": yt[test],
    }


@functools.cache
def _pretrained_state() -> dict:
    """Pretrain backbone + 10-way head on the source task (seeded); keep the backbone."""
    with _one_torch_thread():
        data = _data()
        torch.manual_seed(0)
        backbone, head = _make_backbone(), torch.nn.Linear(32, 10)
        opt = torch.optim.Adam(list(backbone.parameters()) + list(head.parameters()), lr=0.01)
        g = torch.Generator().manual_seed(0)
        for _ in range(8):
            order = torch.randperm(1000, generator=g)
            for i in range(0, 1000, 64):
                idx = order[i : i + 64]
                loss = F.cross_entropy(head(backbone(data["Xs"][idx])), data["ys"][idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
        return {k: v.detach().clone() for k, v in backbone.state_dict().items()}


FREEZE = """
import torch
backbone = make_backbone()
returned = freeze(backbone)
result = {
    "same_object": returned is backbone,
    "grads_off": all(not p.requires_grad for p in backbone.parameters()),
    "eval_mode": all(not m.training for m in backbone.modules()),
}
"""


@checks.test("freeze turns off every gradient, switches to eval mode and returns the module")
def freezing(t):
    got = t.run(BACKBONE + FREEZE)
    expect(got["grads_off"], "After freeze(backbone) some parameter still has requires_grad=True.")
    expect(
        got["eval_mode"],
        "After freeze(backbone) some submodule is still in training mode, so its BatchNorm "
        "would keep updating running statistics. Call .eval() on it.",
    )
    expect(got["same_object"], "freeze(module) should return the module it was given.")


TRANSFER = """
import torch
backbone = make_backbone()
backbone.load_state_dict(state)
before = {k: v.clone() for k, v in backbone.state_dict().items()}
torch.manual_seed(0)
model = TransferModel(freeze(backbone), 32, 3)
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
model.train()
losses = finetune(model, X, y, epochs, lr)
model.eval()
with torch.no_grad():
    pred = model(Xte).argmax(dim=1)
    shape = list(model(X[:4]).shape)
after = backbone.state_dict()
result = {
    "trainable": trainable,
    "losses": [float(v) for v in losses],
    "pred": pred,
    "shape": shape,
    "changed": sorted(k for k in before if not torch.equal(before[k], after[k])),
}
"""


def _transfer(t) -> dict:
    data = _data()
    return t.run(
        BACKBONE + TRANSFER,
        state=_pretrained_state(),
        X=data["X"],
        y=data["y"],
        Xte=data["Xte"],
        epochs=EPOCHS,
        lr=LR,
    )


@checks.test("TransferModel: only the new head (32 * 3 + 3 = 99 values) is trainable", points=1)
def head_only(t):
    got = _transfer(t)
    expect(
        got["shape"] == [4, 3],
        f"TransferModel(backbone, 32, 3) maps 4 images to shape {got['shape']}; expected (4, 3).",
    )
    expect(
        got["trainable"] == 99,
        f"TransferModel(frozen backbone, 32, 3) has {got['trainable']} trainable values; only "
        "the new Linear(32, 3) head (99 values) should train.",
    )


@checks.test("After finetune the backbone's state_dict is bit-identical (weights and BN)", points=2)
def backbone_unchanged(t):
    got = _transfer(t)
    changed = got["changed"]
    stats = [k for k in changed if "running" in k or "num_batches" in k]
    weights = [k for k in changed if k not in stats]
    expect(
        not weights,
        f"finetune changed the backbone's weights {weights[:3]}: the optimiser must receive only "
        "parameters with requires_grad=True, and freeze must turn the others off.",
    )
    expect(
        not stats,
        f"finetune changed the backbone's BatchNorm statistics {stats[:3]}, although no gradient "
        "touched them: the backbone ran in training mode. model.train() switches every "
        "submodule back; keep the backbone in eval mode (for example by overriding train()).",
    )


@checks.test("finetune returns one loss per epoch and the loss goes down", points=1)
def losses(t):
    got = _transfer(t)
    history = got["losses"]
    expect(
        len(history) == EPOCHS,
        f"finetune(..., epochs={EPOCHS}) returned {len(history)} losses; return one per epoch.",
    )
    expect(
        history[-1] < history[0],
        "finetune's loss did not decrease over 100 steps on 15 images: is the optimiser "
        "stepping the head's parameters?",
    )


_REF: dict[str, float] = {}


def _reference_accuracies(t) -> tuple[float, float]:
    """(transfer accuracy of the reference solution, accuracy of the same net from scratch)."""
    if not _REF:
        with _one_torch_thread():
            data = _data()
            backbone = _make_backbone()
            backbone.load_state_dict(_pretrained_state())
            torch.manual_seed(0)
            model = t.ref.TransferModel(t.ref.freeze(backbone), 32, 3)
            model.train()
            t.ref.finetune(model, data["X"], data["y"], EPOCHS, LR)
            model.eval()
            with torch.no_grad():
                _REF["transfer"] = (
                    (model(data["Xte"]).argmax(1) == data["yte"]).float().mean().item()
                )
            torch.manual_seed(0)
            scratch = torch.nn.Sequential(_make_backbone(), torch.nn.Linear(32, 3))
            scratch.train()
            opt = torch.optim.Adam(scratch.parameters(), lr=LR)
            for _ in range(EPOCHS):
                loss = F.cross_entropy(scratch(data["X"]), data["y"])
                opt.zero_grad()
                loss.backward()
                opt.step()
            scratch.eval()
            with torch.no_grad():
                _REF["scratch"] = (
                    (scratch(data["Xte"]).argmax(1) == data["yte"]).float().mean().item()
                )
    return _REF["transfer"], _REF["scratch"]


@checks.test("Few-shot accuracy: near the reference and better than from scratch", points=2)
def few_shot(t):
    got = _transfer(t)
    data = _data()
    acc = float((got["pred"] == data["yte"]).float().mean())
    ref, scratch = _reference_accuracies(t)
    expect(
        acc >= ref - MARGIN and acc > scratch,
        f"With 5 images per class, your transferred model is right on {acc:.1%} of the "
        f"{len(data['yte'])} held-out images; the reference reaches {ref:.1%} (pass mark "
        f"{ref - MARGIN:.1%}) and the same network trained from scratch {scratch:.1%}. Check "
        "that the head sits on the backbone's features and that the backbone runs in eval mode.",
    )
