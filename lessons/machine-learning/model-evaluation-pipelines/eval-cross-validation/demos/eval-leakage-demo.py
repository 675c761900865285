# Pure noise, labels unrelated to the features: leaky vs honest 5-fold CV of "select k features +
# nearest-centroid classifier" as the number of candidate features grows (NumPy only).
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np


def top_k(X: np.ndarray, y: np.ndarray, k: int) -> np.ndarray:
    """Columns with the largest absolute difference of class means (a t-like score)."""
    gap = np.abs(X[y == 0].mean(0) - X[y == 1].mean(0)) / (X.std(0) + 1e-12)
    return np.argsort(gap)[-k:]


def nearest_centroid_accuracy(X_tr, y_tr, X_te, y_te) -> float:
    """Accuracy of predicting the class whose training mean is closer."""
    c0, c1 = X_tr[y_tr == 0].mean(0), X_tr[y_tr == 1].mean(0)
    pred = (((X_te - c1) ** 2).sum(1) < ((X_te - c0) ** 2).sum(1)).astype(int)
    return float(np.mean(pred == y_te))


def cv(X: np.ndarray, y: np.ndarray, k: int, leaky: bool, seed: int = 0) -> float:
    """5-fold CV; the leaky version selects features once, on all rows."""
    folds = np.random.default_rng(seed).permutation(len(y)) % 5
    chosen_all = top_k(X, y, k)
    scores = []
    for f in range(5):
        tr, te = folds != f, folds == f
        cols = chosen_all if leaky else top_k(X[tr], y[tr], k)
        scores.append(nearest_centroid_accuracy(X[tr][:, cols], y[tr], X[te][:, cols], y[te]))
    return float(np.mean(scores))


def show(n_samples: int = 60, k: int = 20) -> None:
    rng = np.random.default_rng(1)
    widths = [50, 100, 200, 500, 1000, 2000, 5000]
    X_all = rng.normal(size=(n_samples, max(widths)))
    y = rng.permutation(np.arange(n_samples) % 2)
    leaky = [cv(X_all[:, :d], y, min(k, d), True) for d in widths]
    honest = [cv(X_all[:, :d], y, min(k, d), False) for d in widths]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.semilogx(widths, leaky, "o-", label="selection on all rows (leaky)")
    ax.semilogx(widths, honest, "s-", label="selection inside each fold (honest)")
    ax.axhline(0.5, color="grey", linestyle=":", label="chance")
    ax.set_xlabel("number of noise features to choose from")
    ax.set_ylabel("cross-validated accuracy")
    ax.set_ylim(0.2, 1.05)
    ax.legend()
    plt.show()


widgets.interact(
    show,
    n_samples=widgets.IntSlider(value=60, min=20, max=200, step=10, description="samples"),
    k=widgets.IntSlider(value=20, min=1, max=50, description="k kept"),
)
