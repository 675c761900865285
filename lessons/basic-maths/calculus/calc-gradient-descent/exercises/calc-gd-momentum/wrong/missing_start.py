# mistake: Records only the points after each update, so the trajectory misses x0 and has steps rows, not steps + 1.
# expect-status: failed
# expect-message: steps + 1 rows
"""Records only the points after each update, so the trajectory is one row short."""

import numpy as np


def gd(grad_fn, x0, lr, steps, momentum=0.0):
    if steps < 0:
        raise ValueError("steps must be >= 0")
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    points = []
    for _ in range(steps):
        v = momentum * v + grad_fn(x)
        x = x - lr * v
        points.append(x)
    return np.array(points).reshape(steps, x.size)
