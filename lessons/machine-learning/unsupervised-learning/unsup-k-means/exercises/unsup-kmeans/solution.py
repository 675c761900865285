"""Reference solution for unsup-kmeans."""

import numpy as np


def assign(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Index of the nearest centre for each row of X (smallest index on ties)."""
    D = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(D, axis=1)


def kmeans(
    X: np.ndarray, init_centers: np.ndarray, max_iter: int = 100
) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's algorithm from the given centres; returns (labels, centers)."""
    X = np.asarray(X, dtype=float)
    centers = np.array(init_centers, dtype=float)
    previous = None
    labels = assign(X, centers)
    for _ in range(max_iter):
        labels = assign(X, centers)
        if previous is not None and np.array_equal(labels, previous):
            break
        for j in range(len(centers)):
            members = labels == j
            if members.any():
                centers[j] = X[members].mean(axis=0)
        previous = labels
    return labels, centers
