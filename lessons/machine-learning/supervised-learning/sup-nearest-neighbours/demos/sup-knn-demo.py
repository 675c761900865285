# k-NN decision regions on two interleaved half-moons: move k and the noise level.
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np


def make_moons(n: int, noise: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles with Gaussian noise (like sklearn's make_moons)."""
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, size=n)
    y = rng.integers(0, 2, size=n)
    x = np.where(
        y[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
    )
    return x + rng.normal(scale=noise, size=x.shape), y


def knn_grid(X: np.ndarray, y: np.ndarray, grid: np.ndarray, k: int) -> np.ndarray:
    """Predict every grid point with a k-NN vote (ties go to the smaller label)."""
    D = (grid**2).sum(1)[:, None] - 2 * grid @ X.T + (X**2).sum(1)[None, :]
    nearest = np.argsort(D, axis=1, kind="stable")[:, :k]
    return (y[nearest].mean(axis=1) > 0.5).astype(int)


def show(k: int = 1, noise: float = 0.25) -> None:
    X, y = make_moons(200, noise)
    X_test, y_test = make_moons(400, noise, seed=1)
    xs, ys = np.meshgrid(np.linspace(-1.5, 2.5, 160), np.linspace(-1.0, 1.5, 100))
    grid = np.c_[xs.ravel(), ys.ravel()]
    regions = knn_grid(X, y, grid, k).reshape(xs.shape)
    train_acc = np.mean(knn_grid(X, y, X, k) == y)
    test_acc = np.mean(knn_grid(X, y, X_test, k) == y_test)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.contourf(
        xs, ys, regions, alpha=0.25, levels=[-0.5, 0.5, 1.5], colors=["tab:blue", "tab:orange"]
    )
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=15, edgecolor="k", linewidth=0.3)
    ax.set_title(f"k = {k}: training accuracy {train_acc:.2f}, test accuracy {test_acc:.2f}")
    plt.show()


widgets.interact(
    show,
    k=widgets.IntSlider(value=1, min=1, max=75, step=2, description="k"),
    noise=widgets.FloatSlider(value=0.25, min=0.0, max=0.6, step=0.05, description="noise"),
)
