# expect-status: failed
# expect-message: db of affine_backward
import numpy as np


def affine_forward(x, w, b):
    return x @ w + b


def affine_backward(dout, x, w, b):
    return dout @ w.T, x.T @ dout, dout.sum(axis=1)  # sums over outputs instead of the batch


def relu_forward(x):
    return np.maximum(x, 0.0)


def relu_backward(dout, x):
    return dout * (x > 0)


def affine_relu_backward(dout, x, w, b):
    a = affine_forward(x, w, b)
    return affine_backward(relu_backward(dout, a), x, w, b)
