"""Rotate and stretch a 2-D Gaussian cloud and watch its principal axes follow."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

_BASE = np.random.default_rng(0).normal(size=(400, 2))


def show_pca(angle_deg: float = 30.0, stretch: float = 3.0, noise: float = 0.5) -> None:
    """Plot the cloud, its covariance eigenvectors (scaled by the standard deviation) and the
    explained variance ratio of the first component."""
    theta = np.deg2rad(angle_deg)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    X = (_BASE * np.array([stretch, noise])) @ rotation.T + np.array([1.0, -0.5])
    mean = X.mean(axis=0)
    cov = np.cov(X, rowvar=False)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    fig, ax = plt.subplots(figsize=(5.5, 5.5))
    ax.scatter(X[:, 0], X[:, 1], s=6, alpha=0.4)
    for i, color in enumerate(["tab:red", "tab:green"]):
        tip = 2 * np.sqrt(vals[i]) * vecs[:, i]
        ax.arrow(*mean, *tip, color=color, width=0.05, length_includes_head=True)
        ax.text(*(mean + tip), f" PC{i + 1}: var {vals[i]:.2f}", color=color)
    ratio = vals[0] / vals.sum()
    ax.set_title(f"PC1 explains {100 * ratio:.1f}% of the variance")
    ax.set_xlim(-8, 8)
    ax.set_ylim(-8, 8)
    ax.set_aspect("equal")
    plt.show()


ui = widgets.interactive(
    show_pca,
    angle_deg=widgets.FloatSlider(value=30.0, min=-90.0, max=90.0, step=5.0, description="angle"),
    stretch=widgets.FloatSlider(value=3.0, min=0.2, max=4.0, step=0.1, description="stretch"),
    noise=widgets.FloatSlider(value=0.5, min=0.2, max=4.0, step=0.1, description="width"),
)
display(ui)
