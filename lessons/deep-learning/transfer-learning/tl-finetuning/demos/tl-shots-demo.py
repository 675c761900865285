"""Frozen pretrained features against training from scratch, as the number of labels grows.

Uses scikit-learn's bundled 8x8 digits (no download): pretrain on 1,000 images to recognise the
ten digits, then learn "digit modulo 3" from a few labelled images of the other 797.
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from IPython.display import display
from sklearn.datasets import load_digits

digits = load_digits()
order = np.random.default_rng(0).permutation(len(digits.target))
X_all = torch.tensor(digits.data[order] / 16.0, dtype=torch.float32)
y_all = torch.tensor(digits.target[order])
X_src, y_src = X_all[:1000], y_all[:1000]
X_tgt, y_tgt = X_all[1000:], y_all[1000:] % 3


def backbone() -> torch.nn.Module:
    return torch.nn.Sequential(
        torch.nn.Linear(64, 64),
        torch.nn.BatchNorm1d(64),
        torch.nn.ReLU(),
        torch.nn.Linear(64, 32),
        torch.nn.ReLU(),
    )


def train(params, forward, X, y, steps: int, lr: float = 0.05) -> None:
    """Full-batch Adam on `params` for `steps` steps."""
    opt = torch.optim.Adam(params, lr=lr)
    for _ in range(steps):
        loss = F.cross_entropy(forward(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()


torch.manual_seed(0)
pretrained, source_head = backbone(), torch.nn.Linear(32, 10)
source_opt = torch.optim.Adam(
    list(pretrained.parameters()) + list(source_head.parameters()), lr=0.01
)
shuffle = torch.Generator().manual_seed(0)
for _ in range(8):  # 8 epochs of mini-batches on the source task
    for idx in torch.randperm(1000, generator=shuffle).split(64):
        loss = F.cross_entropy(source_head(pretrained(X_src[idx])), y_src[idx])
        source_opt.zero_grad()
        loss.backward()
        source_opt.step()
pretrained.requires_grad_(False).eval()  # frozen: no gradients, fixed BatchNorm statistics


def compare(max_shots: int = 20, seed: int = 0) -> None:
    """Test accuracy on 'digit mod 3' for several label budgets, frozen features vs scratch."""
    rng = np.random.default_rng(seed)
    budgets = [s for s in (1, 2, 5, 10, 20, 50) if s <= max_shots]
    frozen, scratch = [], []
    for shots in budgets:
        train_idx = np.concatenate(
            [rng.choice(np.flatnonzero(y_tgt.numpy() == c), shots, replace=False) for c in range(3)]
        )
        test = np.setdiff1d(np.arange(len(y_tgt)), train_idx)
        X, y = X_tgt[train_idx], y_tgt[train_idx]
        torch.manual_seed(seed)
        head = torch.nn.Linear(32, 3)
        transfer = torch.nn.Sequential(pretrained, head)  # pretrained stays in eval mode
        train(head.parameters(), transfer, X, y, steps=100)
        torch.manual_seed(seed)
        net = torch.nn.Sequential(backbone(), torch.nn.Linear(32, 3))
        train(net.parameters(), net, X, y, steps=100)
        net.eval()
        with torch.no_grad():
            frozen.append((transfer(X_tgt[test]).argmax(1) == y_tgt[test]).float().mean())
            scratch.append((net(X_tgt[test]).argmax(1) == y_tgt[test]).float().mean())
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(budgets, frozen, "o-", label="frozen pretrained backbone + new head")
    ax.plot(budgets, scratch, "s--", label="same network trained from scratch")
    ax.axhline(1 / 3, color="grey", lw=0.8, ls=":", label="chance")
    ax.set_xscale("log")
    ax.set_xticks(budgets, [str(b) for b in budgets])
    ax.set_xlabel("labelled images per class (new task: digit mod 3)")
    ax.set_ylabel("accuracy on the other images")
    ax.set_ylim(0.2, 1.0)
    ax.legend()
    plt.show()


ui = widgets.interactive(
    compare,
    {"manual": True, "manual_name": "Train"},
    max_shots=widgets.SelectionSlider(options=[2, 5, 10, 20, 50], value=20),
    seed=widgets.IntSlider(value=0, min=0, max=9, description="label draw"),
)
display(ui)
