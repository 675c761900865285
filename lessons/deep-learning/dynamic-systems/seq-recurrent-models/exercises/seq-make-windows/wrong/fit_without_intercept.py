# expect-status: failed
# expect-message: column of ones
import numpy as np


def make_windows(series, window, horizon=1):
    if window < 1 or horizon < 1:
        raise ValueError("bad window")
    m = max(0, len(series) - window - horizon + 1)
    X = np.array([series[i : i + window] for i in range(m)]).reshape(m, window)
    y = np.array([series[i + window + horizon - 1] for i in range(m)])
    return X, y


def fit_ar(X, y):
    coef = np.linalg.lstsq(X, y, rcond=None)[0]  # forces the line through the origin
    return coef, 0.0


def forecast(history, coef, intercept, steps):
    if len(history) < len(coef):
        raise ValueError("short history")
    buf = np.array(history[len(history) - len(coef) :], dtype=float)
    out = []
    for _ in range(steps):
        out.append(intercept + buf @ coef)
        buf = np.append(buf[1:], out[-1])
    return np.array(out)
