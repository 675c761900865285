# expect-status: failed
# expect-message: relu_backward on a 4x5 input
import numpy as np


def affine_forward(x, w, b):
    return x @ w + b


def affine_backward(dout, x, w, b):
    return dout @ w.T, x.T @ dout, dout.sum(axis=0)


def relu_forward(x):
    return np.maximum(x, 0.0)


def relu_backward(dout, x):
    return dout * (dout > 0)  # masks by the sign of the gradient, not of the input


def affine_relu_backward(dout, x, w, b):
    a = affine_forward(x, w, b)
    return affine_backward(relu_backward(dout, a), x, w, b)
