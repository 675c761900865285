import numpy as np


def affine_forward(x, w, b):
    """Return x @ w + b for x (N, D), w (D, M), b (M,)."""
    # TODO
    raise NotImplementedError


def affine_backward(dout, x, w, b):
    """Return (dx, dw, db), the gradients of the loss for out = x @ w + b."""
    # TODO
    raise NotImplementedError


def relu_forward(x):
    """Return max(x, 0) elementwise, as a new array."""
    # TODO
    raise NotImplementedError


def relu_backward(dout, x):
    """Return the gradient with respect to the ReLU's input x (0 where x <= 0)."""
    # TODO
    raise NotImplementedError


def affine_relu_backward(dout, x, w, b):
    """Return (dx, dw, db) for out = relu(x @ w + b)."""
    # TODO
    raise NotImplementedError
