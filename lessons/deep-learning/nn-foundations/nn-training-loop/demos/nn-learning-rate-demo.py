"""Compare training-loss curves of the same network for three learning rates around yours."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import torch
from IPython.display import display

# A 4-class problem in 20 dimensions, generated here: four Gaussian clouds.
rng = np.random.default_rng(0)
centres = rng.normal(scale=1.5, size=(4, 20))
labels = rng.integers(0, 4, size=800)
X = torch.tensor(centres[labels] + rng.normal(size=(800, 20)), dtype=torch.float32)
y = torch.tensor(labels)


def curve(lr: float, batch_size: int, momentum: float, epochs: int = 15) -> list[float]:
    """Mean training loss per epoch for one setting (nan once training diverged)."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(20, 32), torch.nn.ReLU(), torch.nn.Linear(32, 4))
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum)
    g = torch.Generator().manual_seed(0)
    history = []
    for _ in range(epochs):
        order, total = torch.randperm(len(X), generator=g), 0.0
        for start in range(0, len(X), batch_size):
            idx = order[start : start + batch_size]
            loss = torch.nn.functional.cross_entropy(net(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        history.append(total / len(X) if np.isfinite(total) else float("nan"))
    return history


def show(log10_lr: float = -1.0, batch_size: int = 32, momentum: float = 0.0) -> None:
    """Plot the chosen learning rate next to one ten times smaller and one ten times larger."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for factor, style in [(0.1, ":"), (1.0, "-"), (10.0, "--")]:
        lr = factor * 10.0**log10_lr
        ax.plot(curve(lr, batch_size, momentum), style, marker="o", ms=3, label=f"lr = {lr:.3g}")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean training loss (log scale; gaps are nan = diverged)")
    ax.set_title(f"batch size {batch_size}, momentum {momentum}")
    ax.legend()
    plt.show()


ui = widgets.interactive(
    show,
    {"manual": True, "manual_name": "Train"},
    log10_lr=widgets.FloatSlider(value=-1.0, min=-4.0, max=1.0, step=0.25, description="log10 lr"),
    batch_size=widgets.Dropdown(options=[8, 32, 128, 800], value=32, description="batch size"),
    momentum=widgets.FloatSlider(value=0.0, min=0.0, max=0.99, step=0.05),
)
display(ui)
