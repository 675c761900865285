"""Checks for seq-make-windows: index bookkeeping, no leakage, AR fit and recursive forecast."""

import functools

import numpy as np

from airoadmap_lab.grading.checks import (
    Checks,
    Fail,
    expect,
    expect_close,
    expect_equal,
    expect_raises,
)

checks = Checks()


def _pair(got, name: str) -> tuple:
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise Fail(f"{name} should return a tuple of two values.")
    return tuple(got)


def _expected_windows(n: int, window: int, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """Windows of the index series 0..n-1, written with explicit index arithmetic."""
    rows = [list(range(i, i + window)) for i in range(n) if i + window - 1 + horizon < n]
    targets = [i + window - 1 + horizon for i in range(len(rows))]
    return np.array(rows, dtype=float).reshape(len(rows), window), np.array(targets, dtype=float)


@checks.test("make_windows on series[i] = i: rows and targets for 4 settings", points=2)
def index_series(t):
    for n, window, horizon in [(6, 3, 1), (10, 4, 1), (10, 3, 3), (5, 1, 1)]:
        series = np.arange(float(n))
        X, y = _pair(t.call("make_windows", series, window, horizon), "make_windows")
        want_X, want_y = _expected_windows(n, window, horizon)
        what = f"make_windows(series of length {n}, window={window}, horizon={horizon})"
        expect_equal(np.asarray(X, dtype=float), want_X, what=f"X of {what}")
        expect_equal(np.asarray(y, dtype=float), want_y, what=f"y of {what}")


@checks.test("No leakage: each target is exactly `horizon` steps after its row", points=1)
def no_leakage(t):
    series = np.arange(40.0)
    for window, horizon in [(5, 1), (5, 4)]:
        X, y = _pair(t.call("make_windows", series, window, horizon), "make_windows")
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        expect(
            X.ndim == 2 and len(X) == len(y) and len(X) > 0,
            f"make_windows(window={window}, horizon={horizon}) should return X (m, window) and "
            "y (m,) with the same number of rows.",
        )
        expect(
            bool(np.all(X.max(axis=1) < y)),
            f"With window={window}, horizon={horizon} on series[i] = i, some input row contains "
            "its own target or a later value: that is future leakage. A row may only hold "
            "values from before its target.",
        )
        expect(
            bool(np.all(y - X[:, -1] == horizon)),
            f"With window={window}, horizon={horizon} on series[i] = i, the gap between a row's "
            f"last value and its target is not {horizon}. y[i] is horizon steps after X[i, -1].",
        )


@checks.test("make_windows on a too-short series returns empty (0, window) and (0,)", points=1)
def too_short(t):
    for n in (0, 3, 4):
        X, y = _pair(t.call("make_windows", np.arange(float(n)), 4, 1), "make_windows")
        expect_equal(
            [list(np.shape(X)), list(np.shape(y))],
            [[0, 4], [0]],
            what=f"the shapes of (X, y) for a series of length {n} with window=4, horizon=1 "
            "(no complete window fits)",
        )


@checks.test("window < 1 or horizon < 1 raises ValueError", points=1)
def invalid(t):
    s = np.arange(10.0)
    expect_raises("ValueError", lambda: t.call("make_windows", s, 0, 1), what="window=0")
    expect_raises("ValueError", lambda: t.call("make_windows", s, 3, 0), what="horizon=0")


@functools.cache
def _noisy_sine() -> np.ndarray:
    """240 samples of a sine with period 24 and a little Gaussian noise (seeded)."""
    rng = np.random.default_rng(0)
    k = np.arange(240)
    return np.sin(2 * np.pi * k / 24) + 0.05 * rng.normal(size=240)


def _lstsq(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    A = np.column_stack([X, np.ones(len(X))])
    p = np.linalg.lstsq(A, y, rcond=None)[0]
    return p[:-1], float(p[-1])


@checks.test("fit_ar matches least squares with an intercept on noisy-sine windows", points=1)
def fit(t):
    X, y = t.ref.make_windows(_noisy_sine()[:200], 6, 1)
    coef, intercept = _pair(t.call("fit_ar", X, y), "fit_ar")
    want_coef, want_b = _lstsq(X, y)
    expect_close(
        intercept,
        want_b,
        what="intercept of fit_ar on 194 windows of width 6 (did you add a column of ones?)",
        atol=1e-7,
    )
    expect_close(coef, want_coef, what="coef of fit_ar on 194 windows of width 6", rtol=1e-6)


@checks.test("forecast feeds predictions back (hand-checkable and AR(6) cases)", points=2)
def recursive(t):
    got = t.call("forecast", np.array([1.0, 2.0]), np.array([0.0, 1.0]), 1.0, 3)
    expect_close(
        got,
        np.array([3.0, 4.0, 5.0]),
        what="forecast(history=[1, 2], coef=[0, 1], intercept=1, steps=3) (each prediction "
        "becomes the newest input of the next step)",
    )
    series = _noisy_sine()
    coef, b = _lstsq(*t.ref.make_windows(series[:200], 6, 1))
    history = series[:200]
    got = t.call("forecast", history, coef, b, 40)
    expect_close(
        got,
        t.ref.forecast(history, coef, b, 40),
        what="forecast of 40 steps with an AR(6) model fitted on a noisy sine (is the window "
        "kept oldest first, and shifted by one after every prediction?)",
        rtol=1e-9,
    )
    expect_close(t.call("forecast", history, coef, b, 0), np.zeros(0), what="forecast with steps=0")


@checks.test("forecast rejects a history shorter than the window", points=1)
def short_history(t):
    expect_raises(
        "ValueError",
        lambda: t.call("forecast", np.array([1.0, 2.0]), np.ones(3), 0.0, 5),
        what="forecast with 2 history values and a 3-value model",
    )


MAX_RMSE_RATIO = 1.25  # the learner's end-to-end error may exceed the reference's by 25 %


@checks.test("End to end: windows -> fit -> 48-step forecast of the sine, RMSE near reference")
def end_to_end(t):
    series = _noisy_sine()
    train, future = series[:192], np.sin(2 * np.pi * np.arange(192, 240) / 24)
    X, y = _pair(t.call("make_windows", train, 8, 1), "make_windows")
    coef, b = _pair(t.call("fit_ar", np.asarray(X), np.asarray(y)), "fit_ar")
    pred = np.asarray(t.call("forecast", train, np.asarray(coef), float(b), 48), dtype=float)
    ref_pred = t.ref.forecast(train, *t.ref.fit_ar(*t.ref.make_windows(train, 8, 1)), 48)
    rmse = float(np.sqrt(np.mean((pred - future) ** 2)))
    ref_rmse = float(np.sqrt(np.mean((ref_pred - future) ** 2)))
    expect(
        rmse <= MAX_RMSE_RATIO * ref_rmse,
        f"Your 48-step forecast of the clean sine has RMSE {rmse:.3f}; the reference pipeline "
        f"gets {ref_rmse:.3f} (pass mark {MAX_RMSE_RATIO} times that). Run the three functions "
        "on the training part only: make_windows(train, 8, 1), fit_ar, forecast(train, ...).",
    )
