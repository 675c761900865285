# expect-status: failed
# expect-message: call it once per step
# mistake: Calls grad_fn twice per step (once to log its norm), though the prompt asks for exactly one call at the current point.
import numpy as np


def gd(grad_fn, x0, lr, steps, momentum=0.0):
    if steps < 0:
        raise ValueError("steps must be >= 0")
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    points = [x]
    norms = []
    for _ in range(steps):
        norms.append(float(np.linalg.norm(grad_fn(x))))
        v = momentum * v + grad_fn(x)
        x = x - lr * v
        points.append(x)
    return np.array(points)
