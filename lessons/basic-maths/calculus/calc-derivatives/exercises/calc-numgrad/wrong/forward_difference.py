# mistake: Uses the forward difference (f(x + h) - f(x)) / h, whose error is of order h.
# expect-status: failed
# expect-message: relative error
"""Uses the forward difference (f(x + h) - f(x)) / h, whose error is of order h."""

import numpy as np


def numerical_gradient(f, x, h=1e-5):
    xf = np.array(x, dtype=float)
    grad = np.zeros(xf.shape)
    fx = f(xf)
    for idx in np.ndindex(xf.shape):
        old = xf[idx]
        xf[idx] = old + h
        grad[idx] = (f(xf) - fx) / h
        xf[idx] = old
    return grad
