# mistake: Updates w first and then computes the bias gradient with the new w (not a simultaneous update).
# expect-status: failed
# expect-message: a simultaneous update
import numpy as np

def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))


def logreg_loss(w, b, X, y, reg):
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)) + 0.5 * reg * w @ w)


def fit_logreg(X, y, lr, steps, reg):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        w = w - lr * (X.T @ (sigmoid(X @ w + b) - y) / len(y) + reg * w)
        b = b - lr * float(np.mean(sigmoid(X @ w + b) - y))
    return w, b
