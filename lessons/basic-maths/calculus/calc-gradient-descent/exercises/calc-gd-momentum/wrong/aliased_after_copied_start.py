# expect-status: failed
# expect-message: are all equal: you may be appending the same array
# mistake: Stores a copy of x0 but then appends the one array it updates in place, so every later row aliases the last point.
import numpy as np


def gd(grad_fn, x0, lr, steps, momentum=0.0):
    if steps < 0:
        raise ValueError("steps must be >= 0")
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    points = [x.copy()]
    for _ in range(steps):
        v = momentum * v + grad_fn(x)
        x -= lr * v
        points.append(x)
    return np.array(points)
