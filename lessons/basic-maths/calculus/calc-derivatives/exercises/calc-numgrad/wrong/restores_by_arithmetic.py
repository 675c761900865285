# mistake: Perturbs the caller's x in place and "restores" it by adding and subtracting h, so rounding leaves x slightly changed.
# expect-status: failed
# expect-message: changed
"""x[idx] += h ... x[idx] -= 2 * h ... x[idx] += h: not the saved original value."""

import numpy as np


def numerical_gradient(f, x, h=1e-5):
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        f_plus = float(f(x))
        x[idx] -= 2 * h
        f_minus = float(f(x))
        x[idx] += h
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
