"""Train a one-hidden-layer network on two interleaved moons and draw its decision boundary."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import torch
from IPython.display import display


def two_moons(n: int = 200, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles, labels 0 and 1 (generated here, nothing downloaded)."""
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, size=n)
    upper = np.column_stack([np.cos(t[: n // 2]), np.sin(t[: n // 2])])
    lower = np.column_stack([1 - np.cos(t[n // 2 :]), 0.5 - np.sin(t[n // 2 :])])
    X = np.vstack([upper, lower]) + noise * rng.normal(size=(n, 2))
    y = np.repeat([0, 1], [n // 2, n - n // 2])
    return X, y


X_np, y_np = two_moons()
X, y = torch.tensor(X_np, dtype=torch.float32), torch.tensor(y_np)
ACTIVATIONS = {"ReLU": torch.nn.ReLU, "tanh": torch.nn.Tanh, "none (linear)": torch.nn.Identity}


def train_and_plot(hidden: int = 8, activation: str = "ReLU", steps: int = 300) -> None:
    """Fit the network with full-batch Adam, then shade the plane by its predicted class."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Linear(2, hidden), ACTIVATIONS[activation](), torch.nn.Linear(hidden, 2)
    )
    opt = torch.optim.Adam(net.parameters(), lr=0.03)
    for _ in range(steps):
        loss = torch.nn.functional.cross_entropy(net(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    xx, yy = np.meshgrid(np.linspace(-1.5, 2.5, 200), np.linspace(-1.3, 1.6, 150))
    grid = torch.tensor(np.column_stack([xx.ravel(), yy.ravel()]), dtype=torch.float32)
    with torch.no_grad():
        prob = torch.softmax(net(grid), dim=1)[:, 1].reshape(xx.shape).numpy()
        acc = (net(X).argmax(dim=1) == y).float().mean().item()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.contourf(xx, yy, prob, levels=20, cmap="RdBu_r", alpha=0.6)
    ax.contour(xx, yy, prob, levels=[0.5], colors="k", linewidths=1)
    ax.scatter(X_np[:, 0], X_np[:, 1], c=y_np, cmap="RdBu_r", edgecolors="k", s=18)
    ax.set_title(f"{hidden} hidden units, {activation}: loss {loss.item():.3f}, accuracy {acc:.0%}")
    plt.show()


ui = widgets.interactive(
    train_and_plot,
    {"manual": True, "manual_name": "Train"},
    hidden=widgets.IntSlider(value=8, min=1, max=64, description="hidden units"),
    activation=widgets.Dropdown(options=list(ACTIVATIONS), value="ReLU"),
    steps=widgets.IntSlider(value=300, min=0, max=1500, step=50),
)
display(ui)
