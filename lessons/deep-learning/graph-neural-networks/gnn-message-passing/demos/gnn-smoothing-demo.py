"""Propagate noisy 2-D node features over a two-community graph k times and watch them move."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display


def sbm(n_per_block: int, p_in: float, p_out: float, seed: int = 0) -> np.ndarray:
    """Symmetric adjacency matrix of a two-block stochastic block model."""
    rng = np.random.default_rng(seed)
    block = np.repeat([0, 1], n_per_block)
    prob = np.where(block[:, None] == block[None, :], p_in, p_out)
    upper = np.triu(rng.random((len(block), len(block))) < prob, k=1)
    return (upper | upper.T).astype(float)


def gcn_norm(A: np.ndarray) -> np.ndarray:
    """D^-1/2 (A + I) D^-1/2 for a graph without self-loops."""
    A_hat = A + np.eye(len(A))
    d = A_hat.sum(axis=1)
    return A_hat / np.sqrt(np.outer(d, d))


def show(steps: int = 0, p_out: float = 0.02) -> None:
    """Scatter the node features after `steps` propagations, coloured by community."""
    n = 60
    A_norm = gcn_norm(sbm(n, 0.15, p_out))
    labels = np.repeat([0, 1], n)
    rng = np.random.default_rng(1)
    X = rng.normal(size=(2 * n, 2)) + 0.6 * np.column_stack([2 * labels - 1, np.zeros(2 * n)])
    H = np.linalg.matrix_power(A_norm, steps) @ X
    gap = np.linalg.norm(H[labels == 0].mean(0) - H[labels == 1].mean(0))
    spread = np.sqrt((H[labels == 0].var(0).sum() + H[labels == 1].var(0).sum()) / 2)
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.scatter(H[:, 0], H[:, 1], c=labels, cmap="coolwarm", edgecolors="k", s=25)
    ax.set_title(
        f"{steps} propagation steps: class gap / spread = {gap / max(spread, 1e-12):.2f}\n"
        f"overall scale {np.abs(H).max():.3f}"
    )
    ax.set_aspect("equal", adjustable="datalim")
    plt.show()


ui = widgets.interactive(
    show,
    steps=widgets.IntSlider(value=0, min=0, max=60, description="steps k"),
    p_out=widgets.FloatSlider(value=0.02, min=0.0, max=0.15, step=0.01, description="p between"),
)
display(ui)
