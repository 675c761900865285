# mistake: Uses x = x0 (no copy) and updates x in place, which changes the caller's x0.
# expect-status: failed
# expect-message: changed its input
"""Uses x = x0 (no copy) and updates x in place, which changes the caller's array."""

import numpy as np


def gd(grad_fn, x0, lr, steps, momentum=0.0):
    if steps < 0:
        raise ValueError("steps must be >= 0")
    x = x0
    v = np.zeros_like(x)
    points = [x.copy()]
    for _ in range(steps):
        v = momentum * v + grad_fn(x)
        x -= lr * v
        points.append(x.copy())
    return np.array(points)
