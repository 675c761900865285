# Gradient descent on logistic regression: choose the learning rate and the number of steps.
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
y = rng.integers(0, 2, size=200)
X = rng.normal(size=(200, 2)) + 1.2 * y[:, None]
X = (X - X.mean(0)) / X.std(0)


def loss(w: np.ndarray, b: float) -> float:
    """Mean log loss, computed stably with logaddexp."""
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))


def descend(lr: float, steps: int) -> list[float]:
    """Loss after each full-batch gradient step from w = 0."""
    w, b, history = np.zeros(2), 0.0, [loss(np.zeros(2), 0.0)]
    for _ in range(steps):
        p = np.exp(-np.logaddexp(0, -(X @ w + b)))
        w, b = w - lr * X.T @ (p - y) / len(y), b - lr * np.mean(p - y)
        history.append(loss(w, b))
    return history


def show(log10_lr: float = -1.0, steps: int = 60) -> None:
    lr = 10**log10_lr
    history = descend(lr, steps)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(history, marker=".")
    ax.axhline(np.log(2), color="grey", linestyle=":", label="ln 2 (the loss at w = 0)")
    ax.set_xlabel("step")
    ax.set_ylabel("training loss")
    ax.set_title(f"learning rate {lr:.3g}: final loss {history[-1]:.4f}")
    ax.legend()
    plt.show()


widgets.interact(
    show,
    log10_lr=widgets.FloatSlider(value=-1.0, min=-3.0, max=1.7, step=0.1, description="log10(lr)"),
    steps=widgets.IntSlider(value=60, min=5, max=300, step=5, description="steps"),
)
