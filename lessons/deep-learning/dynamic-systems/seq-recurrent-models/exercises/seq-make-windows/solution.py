"""Reference solution: leakage-free windows, an AR fit and a recursive forecast."""

import numpy as np


def make_windows(
    series: np.ndarray, window: int, horizon: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Return (X, y): rows of `window` past values and the value `horizon` steps later."""
    if window < 1 or horizon < 1:
        raise ValueError("window and horizon must be at least 1")
    series = np.asarray(series, dtype=float)
    m = max(0, len(series) - window - horizon + 1)
    X = np.array([series[i : i + window] for i in range(m)]).reshape(m, window)
    y = series[window + horizon - 1 : window + horizon - 1 + m].copy()
    return X, y


def fit_ar(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares (coef, intercept) for y ~ X @ coef + intercept."""
    design = np.column_stack([X, np.ones(len(X))])
    params, *_ = np.linalg.lstsq(design, y, rcond=None)
    return params[:-1], float(params[-1])


def forecast(history: np.ndarray, coef: np.ndarray, intercept: float, steps: int) -> np.ndarray:
    """Predict `steps` values ahead, feeding each prediction back as input."""
    window = len(coef)
    if len(history) < window:
        raise ValueError(f"history has {len(history)} values; the model needs {window}")
    buffer = np.array(history[len(history) - window :], dtype=float)
    predictions = np.empty(steps)
    for k in range(steps):
        predictions[k] = intercept + buffer @ coef
        buffer = np.append(buffer[1:], predictions[k])
    return predictions
