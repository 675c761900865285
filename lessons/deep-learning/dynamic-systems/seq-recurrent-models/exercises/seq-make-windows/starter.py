import numpy as np


def make_windows(series, window, horizon=1):
    """Return (X, y): rows of `window` past values and the value `horizon` steps later."""
    # TODO
    raise NotImplementedError


def fit_ar(X, y):
    """Least-squares (coef, intercept) for y ~ X @ coef + intercept."""
    # TODO
    raise NotImplementedError


def forecast(history, coef, intercept, steps):
    """Predict `steps` values ahead, feeding each prediction back as input."""
    # TODO
    raise NotImplementedError
