# expect-status: failed
# expect-message: future leakage
import numpy as np


def make_windows(series, window, horizon=1):
    if window < 1 or horizon < 1:
        raise ValueError("bad window")
    m = max(0, len(series) - window - horizon + 1)
    X = np.array([series[i + horizon : i + horizon + window] for i in range(m)]).reshape(m, window)
    y = np.array([series[i + window + horizon - 1] for i in range(m)])  # last input == target
    return X, y


def fit_ar(X, y):
    p = np.linalg.lstsq(np.column_stack([X, np.ones(len(X))]), y, rcond=None)[0]
    return p[:-1], float(p[-1])


def forecast(history, coef, intercept, steps):
    if len(history) < len(coef):
        raise ValueError("short history")
    buf = np.array(history[len(history) - len(coef) :], dtype=float)
    out = []
    for _ in range(steps):
        out.append(intercept + buf @ coef)
        buf = np.append(buf[1:], out[-1])
    return np.array(out)
