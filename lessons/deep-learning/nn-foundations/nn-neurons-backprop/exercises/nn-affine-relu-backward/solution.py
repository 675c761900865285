"""Reference solution: affine and ReLU layers with hand-written gradients."""

import numpy as np


def affine_forward(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return x @ w + b for x (N, D), w (D, M), b (M,)."""
    return x @ w + b


def affine_backward(
    dout: np.ndarray, x: np.ndarray, w: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (dx, dw, db), the gradients of the loss for out = x @ w + b."""
    dx = dout @ w.T
    dw = x.T @ dout
    db = dout.sum(axis=0)
    return dx, dw, db


def relu_forward(x: np.ndarray) -> np.ndarray:
    """Return max(x, 0) elementwise, as a new array."""
    return np.maximum(x, 0.0)


def relu_backward(dout: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Return the gradient with respect to the ReLU's input x (0 where x <= 0)."""
    return dout * (x > 0)


def affine_relu_backward(
    dout: np.ndarray, x: np.ndarray, w: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (dx, dw, db) for out = relu(x @ w + b)."""
    a = affine_forward(x, w, b)
    da = relu_backward(dout, a)
    return affine_backward(da, x, w, b)
