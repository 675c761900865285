# mistake: Dampens the velocity, v = momentum * v + (1 - momentum) * g (Adam's first moment), which is not SGD momentum.
# expect-status: failed
# expect-message: no (1 - momentum) factor
"""Averages the gradient like Adam's first moment, v = m v + (1 - m) g, instead of SGD momentum."""

import numpy as np


def gd(grad_fn, x0, lr, steps, momentum=0.0):
    if steps < 0:
        raise ValueError("steps must be >= 0")
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    points = [x]
    for _ in range(steps):
        v = momentum * v + (1 - momentum) * grad_fn(x)
        x = x - lr * v
        points.append(x)
    return np.array(points)
