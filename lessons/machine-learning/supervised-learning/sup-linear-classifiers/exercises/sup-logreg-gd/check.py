"""Checks for sup-logreg-gd: stable sigmoid and loss, exact first steps, optimum, real data."""

import functools

import numpy as np
from scipy.special import expit
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_close

checks = Checks()


def toy_problem(seed: int, n: int = 40, d: int = 3):
    """Two overlapping Gaussian classes in d dimensions, labels 0/1."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    X = rng.normal(size=(n, d)) + 0.8 * y[:, None]
    return X, y


def unpack_fit(out, case: str) -> tuple[np.ndarray, float]:
    """Check the shape of fit_logreg's answer: (w, b)."""
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Fail(
            f"fit_logreg on {case} should return a pair (w, b); it returned a {type(out).__name__}."
        )
    w, b = out
    try:
        w = np.asarray(w, dtype=float)
        b_arr = np.asarray(b, dtype=float)
    except (TypeError, ValueError) as exc:
        raise Fail(f"fit_logreg on {case}: w and b should be numbers ({exc}).") from exc
    if b_arr.size != 1:
        raise Fail(f"fit_logreg on {case}: b should be one number, got shape {b_arr.shape}.")
    return w, float(b_arr.reshape(()))


@functools.cache
def breast_cancer_split():
    """Breast cancer, stratified 75/25 split (seed 0), standardised with the training statistics."""
    X, y = load_breast_cancer(return_X_y=True)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    scaler = StandardScaler().fit(X_tr)
    return scaler.transform(X_tr), scaler.transform(X_te), y_tr, y_te


@functools.cache
def sklearn_optimum(seed: int, reg: float) -> tuple[np.ndarray, float]:
    """The minimiser of the same objective, found by scikit-learn (C = 1 / (reg * N))."""
    X, y = toy_problem(seed)
    model = LogisticRegression(C=1.0 / (reg * len(y)), tol=1e-12, max_iter=10_000)
    model.fit(X, y)
    return model.coef_[0].copy(), float(model.intercept_[0])


@checks.test("sigmoid matches 1 / (1 + exp(-z)) and stays finite at +-1000", points=1)
def sigmoid_values(t):
    z = np.array([-1000.0, -30.0, -1.5, 0.0, 0.3, 2.0, 40.0, 1000.0])
    got = t.call("sigmoid", z)
    expect_close(
        got,
        expit(z),
        what="sigmoid of [-1000, -30, -1.5, 0, 0.3, 2, 40, 1000]",
        rtol=1e-12,
        atol=1e-300,
    )
    grid = np.arange(6.0).reshape(2, 3) - 2.5
    expect_close(
        t.call("sigmoid", grid),
        expit(grid),
        what="sigmoid of a 2x3 array (shape kept)",
        rtol=1e-12,
        atol=1e-300,
    )


@checks.test("logreg_loss matches the formula, with and without regularisation", points=2)
def loss_values(t):
    X, y = toy_problem(1, n=12, d=4)
    w = np.random.default_rng(2).normal(size=4)
    for reg in (0.0, 0.5):
        z = X @ w - 0.3
        expected = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))
        expected += 0.5 * reg * w @ w
        got = t.call("logreg_loss", w, -0.3, X, y, reg)
        expect_close(
            got, expected, what=f"logreg_loss on 12 points, 4 features, reg={reg}", rtol=1e-10
        )


@checks.test("logreg_loss stays finite when points are far on the wrong side", points=1)
def loss_huge_margin(t):
    X = np.array([[400.0], [-400.0], [1.0]])
    y = np.array([0, 1, 1])
    w = np.array([2.0])
    got = t.call("logreg_loss", w, 0.0, X, y, 0.0)
    value = np.asarray(got, dtype=float)
    expect(
        value.size == 1 and bool(np.isfinite(value).all()),
        "logreg_loss with z = +-800 on misclassified points returned inf or nan: "
        "log(sigmoid(z)) underflows to log(0). Use -log(sigmoid(z)) = logaddexp(0, -z).",
    )
    z = X @ w
    expected = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))
    expect_close(
        got, expected, what="logreg_loss with z = +-800 on misclassified points", rtol=1e-10
    )


@checks.test("fit_logreg with steps=0 returns w = 0 and b = 0", points=1)
def zero_steps(t):
    X, y = toy_problem(3)
    w, b = unpack_fit(t.call("fit_logreg", X, y, 0.1, 0, 0.1), "steps=0")
    expect_close(w, np.zeros(3), what="w after 0 steps")
    expect_close(b, 0.0, what="b after 0 steps")


def variant_fit(
    X: np.ndarray, y: np.ndarray, lr: float, steps: int, reg: float, mistake: str
) -> tuple[np.ndarray, float]:
    """Gradient descent with one of the usual mistakes, to name the cause of a wrong step."""
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    scale = 1.0 if mistake == "summed" else 1.0 / n
    reg_w = {"no_reg_grad": 0.0, "double_reg": 2.0 * reg}.get(mistake, reg)
    for _ in range(steps):
        error = expit(X @ w + b) - y
        w_new = w - lr * (X.T @ error * scale + reg_w * w)
        if mistake == "sequential":
            error = expit(X @ w_new + b) - y
        grad_b = float(error.sum() * scale) + (reg * b if mistake == "reg_bias" else 0.0)
        w, b = w_new, b - lr * grad_b
    return w, b


MISTAKES = {
    "sequential": "w is updated before the bias gradient is computed. Compute both gradients "
    "at the current (w, b) first, then update both (a simultaneous update).",
    "reg_bias": "the bias is regularised too. The bias is not regularised, so its gradient is "
    "just the mean of (p - y).",
    "summed": "the gradient is summed over the samples instead of averaged: divide by N, since "
    "the loss is a mean.",
    "no_reg_grad": "the gradient leaves out the penalty term: the derivative of reg/2 * ||w||^2 "
    "is reg * w.",
    "double_reg": "the penalty's gradient is 2 * reg * w: the derivative of reg/2 * ||w||^2 is "
    "reg * w (the 1/2 cancels the 2).",
}


def close(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal within the tolerance of the first-steps test."""
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


@checks.test(
    "fit_logreg takes exactly the gradient steps of the prompt (1, 2 and 5 steps)", points=2
)
def first_steps(t):
    X, y = toy_problem(4)
    for steps in (1, 2, 5):
        w, b = unpack_fit(t.call("fit_logreg", X, y, 0.3, steps, 0.2), f"{steps} step(s)")
        ref_w, ref_b = t.ref.fit_logreg(X, y, 0.3, steps, 0.2)
        if close(w, ref_w) and close(np.array(b), np.array(ref_b)):
            continue
        case = f"After {steps} step(s) with lr=0.3, reg=0.2 on 40 points"
        for mistake, cause in MISTAKES.items():
            got_w, got_b = variant_fit(X, y, 0.3, steps, 0.2, mistake)
            if close(w, got_w) and close(np.array(b), np.array(got_b)):
                raise Fail(f"{case} (w, b) is what you get when {cause}")
        expect_close(w, ref_w, what=f"{case}: w", rtol=1e-9, atol=1e-12)
        expect_close(b, ref_b, what=f"{case}: b", rtol=1e-9, atol=1e-12)


@checks.test("fit_logreg converges to the optimum of the regularised loss", points=2)
def reaches_optimum(t):
    X, y = toy_problem(5)
    w, b = unpack_fit(t.call("fit_logreg", X, y, 1.0, 3000, 0.1), "3000 steps")
    opt_w, opt_b = sklearn_optimum(5, 0.1)
    expect_close(
        w,
        opt_w,
        what="w after 3000 steps (lr=1, reg=0.1) compared with the minimiser "
        "of the same loss found by scikit-learn",
        rtol=0,
        atol=1e-4,
    )
    expect_close(
        b,
        opt_b,
        what="b after 3000 steps (lr=1, reg=0.1) compared with the minimiser "
        "of the same loss found by scikit-learn",
        rtol=0,
        atol=1e-4,
    )


@checks.test("Trained on standardised breast-cancer data, test accuracy >= 0.95", points=2)
def breast_cancer(t):
    X_tr, X_te, y_tr, y_te = breast_cancer_split()
    w, b = unpack_fit(t.call("fit_logreg", X_tr, y_tr, 0.1, 300, 1e-3), "breast cancer")
    expect(
        w.shape == (X_tr.shape[1],),
        f"fit_logreg on breast cancer (30 features) returned w of shape {w.shape}; expected (30,).",
    )
    accuracy = float(np.mean(((X_te @ w + b) > 0).astype(int) == y_te))
    expect(
        accuracy >= 0.95,
        f"After 300 steps (lr=0.1, reg=0.001) on 426 standardised training samples, the test "
        f"accuracy is {accuracy:.3f}; a correct implementation reaches at least 0.95. Check "
        "the sign of your update and that the gradient is averaged over the samples.",
    )
