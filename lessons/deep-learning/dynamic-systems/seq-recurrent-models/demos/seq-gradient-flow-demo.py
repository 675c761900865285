"""How much does the last hidden state of an RNN depend on each earlier state? Scale W_hh and see."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import torch
from IPython.display import display


def gradient_norms(radius: float, steps: int, nonlinearity: str) -> np.ndarray:
    """Norm of d(sum of h_T)/d h_t for every t, for a random RNN whose W_hh has this radius."""
    torch.manual_seed(0)
    hidden = 32
    w = torch.randn(hidden, hidden, dtype=torch.float64)
    w = w * radius / torch.linalg.eigvals(w).abs().max()  # set the spectral radius
    w_in = torch.randn(hidden, 4, dtype=torch.float64) * 0.5
    x = torch.randn(steps, 4, dtype=torch.float64)
    act = torch.tanh if nonlinearity == "tanh" else (lambda z: z)
    h = torch.zeros(hidden, dtype=torch.float64)
    states = []
    for t in range(steps):
        h = h.detach().requires_grad_(True) if t == 0 else h
        states.append(h)
        h = act(w @ h + w_in @ x[t])
    grads = torch.autograd.grad(h.sum(), states)
    return np.array([g.norm().item() for g in grads])


def show(radius: float = 1.0, steps: int = 50, nonlinearity: str = "tanh") -> None:
    """Plot the gradient norm against the step it flows back to (log scale)."""
    norms = gradient_norms(radius, steps, nonlinearity)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.semilogy(np.arange(steps), np.maximum(norms, 1e-300), marker=".")
    ax.set_xlabel("step t")
    ax.set_ylabel("|| d h_T / d h_t ||")
    ax.set_title(
        f"spectral radius {radius}, {nonlinearity}: ratio first/last step {norms[0] / norms[-1]:.1e}"
    )
    plt.show()


ui = widgets.interactive(
    show,
    radius=widgets.FloatSlider(value=1.0, min=0.3, max=1.6, step=0.05, description="radius W_hh"),
    steps=widgets.IntSlider(value=50, min=5, max=200, step=5),
    nonlinearity=widgets.Dropdown(options=["tanh", "linear"], value="tanh"),
)
display(ui)
