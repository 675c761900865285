# mistake: Exponentiates the raw scores without subtracting the row maximum, so large logits overflow to nan.
# expect-status: failed
# expect-message: overflows
import numpy as np


def softmax_loss(W, X, y, reg):
    n = X.shape[0]
    e = np.exp(X @ W)  # no max subtraction
    P = e / e.sum(axis=1, keepdims=True)
    loss = -np.log(P[np.arange(n), y]).mean() + reg * np.sum(W * W)
    P[np.arange(n), y] -= 1
    return loss, X.T @ P / n + 2 * reg * W
