"""Reference solution for sup-knn."""

import numpy as np


def pairwise_sq_dists(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances between the rows of A (n, d) and B (m, d): shape (n, m)."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    sq_a = (A**2).sum(axis=1)[:, None]
    sq_b = (B**2).sum(axis=1)[None, :]
    D = sq_a - 2.0 * (A @ B.T) + sq_b
    return np.maximum(D, 0.0)


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Majority label among the k nearest training rows, for each row of X_test."""
    n = len(X_train)
    if k < 1 or k > n:
        raise ValueError(f"k must be between 1 and {n}, got {k}")
    y_train = np.asarray(y_train)
    D = pairwise_sq_dists(X_test, X_train)
    nearest = np.argsort(D, axis=1, kind="stable")[:, :k]
    n_labels = int(y_train.max()) + 1
    votes = [np.bincount(y_train[row], minlength=n_labels) for row in nearest]
    return np.array([int(v.argmax()) for v in votes], dtype=int)
