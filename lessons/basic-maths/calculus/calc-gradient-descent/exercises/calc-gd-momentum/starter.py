"""Gradient descent with heavy-ball momentum (the torch.optim.SGD convention)."""

import numpy as np


def gd(grad_fn, x0: np.ndarray, lr: float, steps: int, momentum: float = 0.0) -> np.ndarray:
    """Return the trajectory x_0, ..., x_steps as an array of shape (steps + 1, d)."""
    # TODO: keep a velocity v, update it and x once per step, record every point.
    raise NotImplementedError
