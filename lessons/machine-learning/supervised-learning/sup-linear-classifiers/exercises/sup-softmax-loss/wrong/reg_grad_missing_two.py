# mistake: Uses reg * W as the gradient of reg * ||W||^2, forgetting the factor 2.
# expect-status: failed
# expect-message: wrong regularisation part
import numpy as np


def softmax_loss(W, X, y, reg):
    n = X.shape[0]
    S = X @ W
    S = S - S.max(axis=1, keepdims=True)
    logP = S - np.log(np.exp(S).sum(axis=1, keepdims=True))
    loss = -logP[np.arange(n), y].mean() + reg * np.sum(W * W)
    P = np.exp(logP)
    P[np.arange(n), y] -= 1
    return loss, X.T @ P / n + reg * W  # d/dW of reg*W^2 is 2*reg*W
