"""Run gradient descent with momentum on an ill-conditioned quadratic or on Rosenbrock."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display


def _quadratic(p: np.ndarray) -> tuple[float, np.ndarray]:
    H = np.diag([1.0, 25.0])
    return 0.5 * p @ H @ p, H @ p


def _rosenbrock(p: np.ndarray) -> tuple[float, np.ndarray]:
    x, y = p
    value = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    return value, np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


PROBLEMS = {
    "narrow quadratic (curvatures 1 and 25)": (
        _quadratic,
        np.array([-4.0, 1.5]),
        (-5, 5, -2.5, 2.5),
    ),
    "Rosenbrock": (_rosenbrock, np.array([-1.5, 2.0]), (-2, 2, -1, 3)),
}


def show_descent(problem: str, log10_lr: float = -1.5, momentum: float = 0.0, steps: int = 100):
    """Plot the loss contours, the trajectory, and the loss along the trajectory."""
    fn, start, (x0, x1, y0, y1) = PROBLEMS[problem]
    lr = 10.0**log10_lr
    p, v = start.copy(), np.zeros(2)
    path, losses = [p.copy()], [fn(p)[0]]
    for _ in range(steps):
        v = momentum * v + fn(p)[1]
        p = p - lr * v
        if not np.all(np.isfinite(p)) or np.abs(p).max() > 1e6:
            break
        path.append(p.copy())
        losses.append(fn(p)[0])
    path = np.array(path)
    xs, ys = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200))
    zs = np.vectorize(lambda a, b: fn(np.array([a, b]))[0])(xs, ys)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
    ax.contour(xs, ys, np.log1p(zs), levels=25, cmap="viridis")
    ax.plot(path[:, 0], path[:, 1], "o-", ms=2, color="tab:red")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_title(f"lr = {lr:.2g}, momentum = {momentum}, {len(path) - 1} steps")
    ax2.semilogy(np.maximum(losses, 1e-16))
    ax2.set_xlabel("step")
    ax2.set_ylabel("loss")
    ax2.set_title("diverged" if len(path) <= steps else f"final loss {losses[-1]:.3g}")
    plt.show()


ui = widgets.interactive(
    show_descent,
    problem=widgets.Dropdown(options=list(PROBLEMS)),
    log10_lr=widgets.FloatSlider(value=-1.5, min=-4.0, max=-0.5, step=0.05, description="log10 lr"),
    momentum=widgets.FloatSlider(value=0.0, min=0.0, max=0.99, step=0.01),
    steps=widgets.IntSlider(value=100, min=1, max=1000, step=10),
)
display(ui)
