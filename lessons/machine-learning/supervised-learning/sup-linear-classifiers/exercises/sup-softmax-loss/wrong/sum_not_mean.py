# mistake: Sums the data term of the gradient over the samples instead of averaging it.
# expect-status: failed
# expect-message: N times too large
import numpy as np


def softmax_loss(W, X, y, reg):
    n = X.shape[0]
    S = X @ W
    S = S - S.max(axis=1, keepdims=True)
    logP = S - np.log(np.exp(S).sum(axis=1, keepdims=True))
    loss = -logP[np.arange(n), y].mean() + reg * np.sum(W * W)
    P = np.exp(logP)
    P[np.arange(n), y] -= 1
    return loss, X.T @ P + 2 * reg * W  # forgot to divide the data term by N
