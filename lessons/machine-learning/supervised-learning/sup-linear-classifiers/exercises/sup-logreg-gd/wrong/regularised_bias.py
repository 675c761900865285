# mistake: Adds reg * b to the bias gradient, though the penalty is on w only.
# expect-status: failed
# expect-message: the bias is regularised too
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))


def logreg_loss(w, b, X, y, reg):
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)) + 0.5 * reg * w @ w)


def fit_logreg(X, y, lr, steps, reg):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        e = sigmoid(X @ w + b) - y
        w, b = w - lr * (X.T @ e / len(y) + reg * w), b - lr * (e.mean() + reg * b)
    return w, b
