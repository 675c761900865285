# mistake: Nudges the caller's x in place and never puts the element back.
# expect-status: failed
# expect-message: changed x
"""Nudges the caller's x in place and never puts the element back."""

import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        f_plus = f(x)
        x[idx] -= 2 * h
        f_minus = f(x)
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
