import numpy as np


def softmax_loss(W, X, y, reg):
    """Mean softmax cross-entropy of the scores X @ W plus reg * sum(W**2), and its gradient in W."""
    loss = 0.0
    dW = np.zeros_like(W)
    # TODO: compute the loss and the gradient
    raise NotImplementedError
    return loss, dW
