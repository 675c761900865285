# expect-status: failed
# expect-message: called at a point other than the current
# mistake: Evaluates the gradient at the look-ahead point x - lr * momentum * v (Nesterov) instead of at x_t.
import numpy as np


def gd(grad_fn, x0, lr, steps, momentum=0.0):
    if steps < 0:
        raise ValueError("steps must be >= 0")
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    points = [x]
    for _ in range(steps):
        v = momentum * v + grad_fn(x - lr * momentum * v)
        x = x - lr * v
        points.append(x)
    return np.array(points)
