# mistake: Sums the gradient over the samples instead of averaging it, so the step is N times too large.
# expect-status: failed
# expect-message: summed over the samples
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
        w, b = w - lr * (X.T @ e + reg * w), b - lr * float(e.sum())
    return w, b
