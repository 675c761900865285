# expect-status: failed
# expect-message: changed its input
import numpy as np


def affine_forward(x, w, b):
    return x @ w + b


def affine_backward(dout, x, w, b):
    return dout @ w.T, x.T @ dout, dout.sum(axis=0)


def relu_forward(x):
    x[x < 0] = 0.0  # overwrites the caller's array
    return x


def relu_backward(dout, x):
    return dout * (x > 0)


def affine_relu_backward(dout, x, w, b):
    a = affine_forward(x, w, b)
    return affine_backward(relu_backward(dout, a), x, w, b)
