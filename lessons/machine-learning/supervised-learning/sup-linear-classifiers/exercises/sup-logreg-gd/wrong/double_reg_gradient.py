# mistake: Uses 2 * reg * w as the penalty's gradient, forgetting that the 1/2 in reg/2 * ||w||^2 cancels the 2.
# expect-status: failed
# expect-message: reg * w (the 1/2 cancels the 2)
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
        w, b = w - lr * (X.T @ e / len(y) + 2 * reg * w), b - lr * float(e.mean())
    return w, b
