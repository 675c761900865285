# mistake: Loops over range(len(x)), which visits rows of a matrix and fails on a 0-d array.
# expect-status: failed
# expect-message: shape (3, 4)
# expect-message: 0-d array
"""Loops over range(len(x)), which visits rows of a matrix and fails on a 0-d array."""

import numpy as np


def numerical_gradient(f, x, h=1e-5):
    xf = np.array(x, dtype=float)
    grad = np.zeros(xf.shape)
    for i in range(len(xf)):
        old = xf[i].copy()
        xf[i] = old + h
        f_plus = f(xf)
        xf[i] = old - h
        f_minus = f(xf)
        xf[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
