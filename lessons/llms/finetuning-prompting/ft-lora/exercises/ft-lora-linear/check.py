"""Checks for ft-lora-linear: LoRA's contract (zero init, frozen base, rank, merge/unmerge)."""

from __future__ import annotations

import torch

from airoadmap_lab.grading.checks import (
    Checks,
    Fail,
    LearnerRaised,
    expect,
    expect_close,
    expect_raises,
)

checks = Checks()

SETUP = """
import torch
base = torch.nn.Linear(W.shape[1], W.shape[0], dtype=torch.float64)
with torch.no_grad():
    base.weight.copy_(W)
    base.bias.copy_(b)
torch.manual_seed(seed)
layer = LoRALinear(base, r, alpha)
"""

RUN_INIT = (
    SETUP
    + """
with torch.no_grad():
    result = layer(x)
"""
)

RUN_PARAMS = (
    SETUP
    + """
result = {
    "A": tuple(layer.lora_A.shape),
    "B": tuple(layer.lora_B.shape),
    "trainable": sum(p.numel() for p in layer.parameters() if p.requires_grad),
    "base_frozen": all(not p.requires_grad for p in base.parameters()),
    "registered": sum(p.numel() for p in layer.parameters()),
}
"""
)

SET_AB = """
with torch.no_grad():
    layer.lora_A.copy_(A)
    layer.lora_B.copy_(B)
"""

RUN_FORWARD = (
    SETUP
    + SET_AB
    + """
with torch.no_grad():
    result = [layer(z) for z in xs]
"""
)

RUN_MERGE = (
    SETUP
    + SET_AB
    + """
with torch.no_grad():
    before = layer(x)
    layer.merge()
    w_merged = base.weight.clone()
    after = layer(x)
    layer.merge()
    after_twice = layer(x)
    layer.unmerge()
    w_unmerged = base.weight.clone()
    restored = layer(x)
result = {"before": before, "after": after, "after_twice": after_twice, "restored": restored,
          "w_merged": w_merged, "w_unmerged": w_unmerged}
"""
)

RUN_TRAIN = (
    SETUP
    + """
opt = torch.optim.Adam([p for p in layer.parameters() if p.requires_grad], lr=0.05)
losses = []
for step in range(150):
    loss = ((layer(x) - y) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    losses.append(loss.item())
result = {"first": losses[0], "last": losses[-1], "w": base.weight.detach().clone(),
          "b": base.bias.detach().clone()}
"""
)


def base_weights(seed: int, n_in: int, n_out: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    w = torch.randn(n_out, n_in, generator=g, dtype=torch.float64) / n_in**0.5
    b = torch.randn(n_out, generator=g, dtype=torch.float64) * 0.1
    return w, b


def randn(seed: int, *shape: int) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


@checks.test("At initialisation the LoRA layer computes exactly the base layer", points=1)
def init_equals_base(t):
    W, b = base_weights(0, 10, 6)
    x = randn(1, 5, 10)
    got = t.run(RUN_INIT, W=W, b=b, seed=0, r=3, alpha=6.0, x=x)
    expect_close(
        got,
        x @ W.T + b,
        what="LoRALinear(base, r=3, alpha=6)(x) before any training (x of shape (5, 10)); "
        "initialise lora_B with zeros so the update B A starts at 0",
        atol=1e-12,
    )


@checks.test("Only lora_A (r, in) and lora_B (out, r) train: r*(in+out) parameters", points=2)
def parameters(t):
    W, b = base_weights(2, 12, 7)
    got = t.run(RUN_PARAMS, W=W, b=b, seed=0, r=4, alpha=8.0)
    expect(
        got["A"] == (4, 12) and got["B"] == (7, 4),
        f"For a base Linear(12, 7) and r=4, lora_A must have shape (4, 12) and lora_B (7, 4); "
        f"yours are {got['A']} and {got['B']}.",
    )
    expect(
        got["base_frozen"],
        "The base layer's weight and bias must have requires_grad=False: fine-tuning must not "
        "change the pre-trained weights.",
    )
    expect(
        got["trainable"] == 4 * (12 + 7),
        f"The layer has {got['trainable']} trainable parameters; LoRA with r=4 on a 12 -> 7 layer "
        "has r * (in + out) = 76. Freeze the base and register only lora_A and lora_B as "
        "parameters.",
    )
    expect(
        got["registered"] == 4 * (12 + 7) + 12 * 7 + 7,
        "Register the base layer as a submodule (self.base = base) so that its parameters move "
        "with the LoRA layer (.to(), state_dict()).",
    )


@checks.test("The output is x (W + (alpha/r) B A)^T + b for any A, B and batch shape", points=2)
def forward_formula(t):
    for r, alpha in ((2, 2.0), (4, 16.0), (1, 0.5)):
        W, b = base_weights(3 + r, 9, 5)
        A, B = randn(10 + r, r, 9), randn(20 + r, 5, r)
        xs = [randn(30, 4, 9), randn(31, 2, 3, 9), randn(32, 9)]
        got = t.run(RUN_FORWARD, W=W, b=b, seed=0, r=r, alpha=alpha, A=A, B=B, xs=xs)
        w_eff = W + (alpha / r) * (B @ A)
        for z, y in zip(xs, got, strict=True):
            expect_close(
                y,
                z @ w_eff.T + b,
                what=f"LoRALinear(base 9 -> 5, r={r}, alpha={alpha}) on x of shape "
                f"{tuple(z.shape)} with lora_A and lora_B set to random values (the update is "
                "scaled by alpha / r)",
                rtol=1e-9,
                atol=1e-10,
            )


@checks.test("merge() folds the update into the weight; unmerge() restores it", points=2)
def merge_unmerge(t):
    W, b = base_weights(5, 8, 6)
    r, alpha = 2, 4.0
    A, B = randn(40, r, 8), randn(41, 6, r)
    x = randn(42, 3, 8)
    try:
        got = t.run(RUN_MERGE, W=W, b=b, seed=0, r=r, alpha=alpha, A=A, B=B, x=x)
    except LearnerRaised as err:
        raise Fail(f"merge()/unmerge() raised {err.type_name}: {err.message}") from None
    expect_close(
        got["w_merged"],
        W + (alpha / r) * (B @ A),
        what="base.weight after merge()",
        atol=1e-12,
    )
    expect_close(
        got["after"],
        got["before"],
        what="the output after merge() (it must not change: once merged, forward must skip the "
        "separate low-rank path, or the update is counted twice)",
        atol=1e-10,
    )
    expect_close(
        got["after_twice"],
        got["before"],
        what="the output after calling merge() a second time (a second merge must do nothing)",
        atol=1e-10,
    )
    expect_close(got["w_unmerged"], W, what="base.weight after unmerge()", atol=1e-12)
    expect_close(got["restored"], got["before"], what="the output after unmerge()", atol=1e-10)


@checks.test("Training moves only the adapter and fits a low-rank change", points=2)
def training(t):
    W, b = base_weights(6, 16, 8)
    # The target layer differs from the base by a rank-2 update: exactly what LoRA can learn.
    target_delta = randn(50, 8, 2) @ randn(51, 2, 16) * 0.5
    x = randn(52, 64, 16)
    y = x @ (W + target_delta).T + b
    got = t.run(RUN_TRAIN, W=W, b=b, seed=0, r=2, alpha=2.0, x=x, y=y)
    expect(
        torch.equal(got["w"], W) and torch.equal(got["b"], b),
        "After 150 Adam steps the base weight or bias changed: freeze them "
        "(requires_grad_(False)) so only lora_A and lora_B are updated.",
    )
    expect(
        got["last"] < 0.01 * got["first"],
        f"150 Adam steps (lr 0.05) on a target that differs from the base by a rank-2 update "
        f"took the mean squared error only from {got['first']:.4f} to {got['last']:.4f}; it "
        "should fall below 1% of its start. Check that both lora_A and lora_B receive gradients "
        "(A random, B zero at start) and that the update is added in forward.",
    )


@checks.test("A rank below 1 raises ValueError", points=1)
def bad_rank(t):
    W, b = base_weights(7, 4, 3)
    for r in (0, -2):
        expect_raises(
            "ValueError",
            lambda r=r: t.run(RUN_INIT, W=W, b=b, seed=0, r=r, alpha=1.0, x=randn(1, 2, 4)),
            what=f"LoRALinear(base, r={r}) (the rank must be at least 1)",
        )
