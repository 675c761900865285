"""Reference solution: numerical gradient of a scalar function by central differences."""

import numpy as np


def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Return the central-difference estimate of the gradient of f at x (same shape as x)."""
    xf = np.array(x, dtype=np.float64)  # a private float copy: x itself is never touched
    grad = np.zeros(xf.shape)
    for idx in np.ndindex(xf.shape):
        old = xf[idx]
        xf[idx] = old + h
        f_plus = float(f(xf))
        xf[idx] = old - h
        f_minus = float(f(xf))
        xf[idx] = old
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
