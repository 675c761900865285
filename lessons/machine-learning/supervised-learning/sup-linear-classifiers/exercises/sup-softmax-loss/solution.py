"""Reference solution for sup-softmax-loss."""

import numpy as np


def softmax_loss(
    W: np.ndarray, X: np.ndarray, y: np.ndarray, reg: float
) -> tuple[float, np.ndarray]:
    """Mean softmax cross-entropy of X @ W plus reg * sum(W**2), and its gradient in W."""
    n = X.shape[0]
    scores = X @ W
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    log_probs = shifted - log_norm
    rows = np.arange(n)
    loss = -log_probs[rows, y].mean() + reg * np.sum(W * W)
    dscores = np.exp(log_probs)
    dscores[rows, y] -= 1.0
    dW = X.T @ dscores / n + 2.0 * reg * W
    return float(loss), dW
