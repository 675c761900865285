# Lloyd's algorithm step by step: pick k, the random start and the iteration; see the silhouette.
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
centres_true = np.array([[0.0, 0.0], [4.0, 0.5], [1.5, 3.5], [5.0, 4.0]])
X = np.concatenate([rng.normal(loc=c, scale=0.8, size=(60, 2)) for c in centres_true])


def lloyd(k: int, seed: int, iterations: int) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Run `iterations` Lloyd steps from k random data points; return labels, centres, inertias."""
    start = np.random.default_rng(seed).choice(len(X), size=k, replace=False)
    centers = X[start].copy()
    labels = np.zeros(len(X), dtype=int)
    history = []
    for _ in range(iterations):
        labels = ((X[:, None] - centers[None]) ** 2).sum(2).argmin(1)
        for j in range(k):
            if np.any(labels == j):
                centers[j] = X[labels == j].mean(0)
        history.append(float(((X - centers[labels]) ** 2).sum()))
    return labels, centers, history


def silhouette(labels: np.ndarray) -> float:
    """Mean silhouette coefficient (0 for points alone in their cluster)."""
    D = np.sqrt(((X[:, None] - X[None]) ** 2).sum(2))
    s = np.zeros(len(X))
    for i, c in enumerate(labels):
        own = labels == c
        if own.sum() < 2 or len(np.unique(labels)) < 2:
            continue
        a = D[i, own].sum() / (own.sum() - 1)
        b = min(D[i, labels == o].mean() for o in np.unique(labels) if o != c)
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


def show(k: int = 4, seed: int = 0, iterations: int = 1) -> None:
    labels, centers, history = lloyd(k, seed, iterations)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.scatter(X[:, 0], X[:, 1], c=labels, cmap="tab10", s=12)
    left.scatter(centers[:, 0], centers[:, 1], marker="X", s=200, c="black")
    left.set_title(f"k = {k}, after {iterations} iteration(s): silhouette {silhouette(labels):.3f}")
    right.plot(range(1, len(history) + 1), history, marker="o")
    right.set_xlabel("iteration")
    right.set_ylabel("inertia (never goes up)")
    plt.show()


widgets.interact(
    show,
    k=widgets.IntSlider(value=4, min=2, max=8, description="k"),
    seed=widgets.IntSlider(value=0, min=0, max=20, description="start"),
    iterations=widgets.IntSlider(value=1, min=1, max=15, description="iterations"),
)
