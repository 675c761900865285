# mistake: Computes log(sigmoid(z)) directly, which underflows to log(0) = -inf for large |z|.
# expect-status: failed
# expect-message: underflows
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def logreg_loss(w, b, X, y, reg):
    p = sigmoid(X @ w + b)
    return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)) + 0.5 * reg * w @ w)


def fit_logreg(X, y, lr, steps, reg):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        e = sigmoid(X @ w + b) - y
        w, b = w - lr * (X.T @ e / len(y) + reg * w), b - lr * e.mean()
    return w, b
