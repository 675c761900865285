# expect-status: failed
# expect-message: affine_relu_backward
import numpy as np


def affine_forward(x, w, b):
    return x @ w + b


def affine_backward(dout, x, w, b):
    return dout @ w.T, x.T @ dout, dout.sum(axis=0)


def relu_forward(x):
    return np.maximum(x, 0.0)


def relu_backward(dout, x):
    return dout * (x > 0)


def affine_relu_backward(dout, x, w, b):
    return affine_backward(dout, x, w, b)  # the ReLU's gate is missing
