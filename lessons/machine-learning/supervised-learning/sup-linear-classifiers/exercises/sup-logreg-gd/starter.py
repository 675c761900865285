import numpy as np


def sigmoid(z):
    """Elementwise 1 / (1 + exp(-z)), finite for any finite z."""
    # TODO
    raise NotImplementedError


def logreg_loss(w, b, X, y, reg):
    """Mean log loss of sigmoid(X @ w + b) against y in {0, 1}, plus reg / 2 * ||w||^2."""
    # TODO
    raise NotImplementedError


def fit_logreg(X, y, lr, steps, reg):
    """Full-batch gradient descent from w = 0, b = 0; returns (w, b)."""
    w = np.zeros(X.shape[1])
    b = 0.0
    # TODO: `steps` updates of w and b
    raise NotImplementedError
    return w, b
