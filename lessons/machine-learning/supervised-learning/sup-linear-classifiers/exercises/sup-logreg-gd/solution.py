"""Reference solution for sup-logreg-gd."""

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Elementwise 1 / (1 + exp(-z)), finite for any finite z."""
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -z))


def logreg_loss(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, reg: float) -> float:
    """Mean log loss of sigmoid(X @ w + b) against y in {0, 1}, plus reg / 2 * ||w||^2."""
    z = X @ w + b
    per_sample = y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)
    return float(per_sample.mean() + 0.5 * reg * np.dot(w, w))


def fit_logreg(
    X: np.ndarray, y: np.ndarray, lr: float, steps: int, reg: float
) -> tuple[np.ndarray, float]:
    """Full-batch gradient descent from w = 0, b = 0; returns (w, b)."""
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        error = sigmoid(X @ w + b) - y
        grad_w = X.T @ error / n + reg * w
        grad_b = float(error.mean())
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, float(b)
