# mistake: Copies x without converting to float, so an integer x cannot move by h.
# expect-status: failed
# expect-message: integer array
"""Copies x without converting to float, so an integer x cannot move by h."""

import numpy as np


def numerical_gradient(f, x, h=1e-5):
    xc = x.copy()
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = xc[idx]
        xc[idx] = old + h
        f_plus = f(xc)
        xc[idx] = old - h
        f_minus = f(xc)
        xc[idx] = old
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
