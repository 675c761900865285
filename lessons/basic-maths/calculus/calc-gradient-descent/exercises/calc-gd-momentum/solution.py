"""Reference solution: gradient descent with heavy-ball momentum (torch.optim.SGD convention)."""

import numpy as np


def gd(grad_fn, x0: np.ndarray, lr: float, steps: int, momentum: float = 0.0) -> np.ndarray:
    """Return the trajectory x_0, ..., x_steps as an array of shape (steps + 1, d)."""
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    x = np.array(x0, dtype=float)
    velocity = np.zeros_like(x)
    points = [x]
    for _ in range(steps):
        velocity = momentum * velocity + np.asarray(grad_fn(x), dtype=float)
        x = x - lr * velocity
        points.append(x)
    return np.array(points)
