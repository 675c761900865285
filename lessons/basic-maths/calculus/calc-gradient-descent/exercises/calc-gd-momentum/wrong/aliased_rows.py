# mistake: Appends x and then updates it in place (x -= ...), so all rows alias one array.
# expect-status: failed
# expect-message: appending the same array
"""Appends the same array to the trajectory and updates it in place."""

import numpy as np


def gd(grad_fn, x0, lr, steps, momentum=0.0):
    if steps < 0:
        raise ValueError("steps must be >= 0")
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    points = [x]
    for _ in range(steps):
        v = momentum * v + grad_fn(x)
        x -= lr * v
        points.append(x)
    return np.array(points)
