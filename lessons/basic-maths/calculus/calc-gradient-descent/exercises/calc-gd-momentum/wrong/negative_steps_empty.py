# expect-status: failed
# expect-message: steps=-1
# mistake: Returns a trajectory for steps < 0 instead of raising ValueError as the prompt asks.
import numpy as np


def gd(grad_fn, x0, lr, steps, momentum=0.0):
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    points = [x]
    for _ in range(steps):
        v = momentum * v + grad_fn(x)
        x = x - lr * v
        points.append(x)
    return np.array(points)
