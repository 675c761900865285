"""Checks for stats-bernoulli-nb: fit, log posteriors and predictions equal BernoulliNB's."""

import functools

import numpy as np
from scipy.special import logsumexp
from sklearn.datasets import load_digits
from sklearn.naive_bayes import BernoulliNB

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_close

checks = Checks()


@functools.cache
def _digits() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Digits binarised at 8, split into the first 1200 rows (train) and the rest (test)."""
    digits = load_digits()
    X = (digits.data >= 8).astype(np.int64)
    return X[:1200], digits.target[:1200], X[1200:], digits.target[1200:]


@functools.cache
def _three_classes() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Digits 2, 5 and 9 only: labels that are not 0..C-1."""
    X_train, y_train, X_test, y_test = _digits()
    keep, keep_test = np.isin(y_train, [2, 5, 9]), np.isin(y_test, [2, 5, 9])
    return X_train[keep], y_train[keep], X_test[keep_test]


@functools.cache
def _wide() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """3000 binary features: joint log-likelihoods far below -745, where exp underflows."""
    rng = np.random.default_rng(8)
    p = rng.uniform(0.1, 0.9, size=(2, 3000))
    y = np.repeat([0, 1], 100)
    X = (rng.random((200, 3000)) < p[y]).astype(np.int64)
    X_test = (rng.random((20, 3000)) < p[np.repeat([0, 1], 10)]).astype(np.int64)
    return X, y, X_test


@functools.cache
def _sklearn(name: str, alpha: float) -> BernoulliNB:
    if name == "digits":
        X, y = _digits()[:2]
    elif name == "three":
        X, y = _three_classes()[:2]
    else:
        X, y = _wide()[:2]
    return BernoulliNB(alpha=alpha).fit(X, y)


def _fit(t, X: np.ndarray, y: np.ndarray, alpha: float, case: str):
    what = f"fit_bernoulli_nb(X, y, alpha={alpha}) on {case}"
    try:
        out = t.call("fit_bernoulli_nb", X, y, alpha=alpha)
    except LearnerRaised as err:
        raise Fail(f"{what} raised {err.type_name}: {err.message}") from None
    expect(
        isinstance(out, (tuple, list)) and len(out) == 3,
        f"{what} should return a tuple (classes, class_log_prior, feature_log_prob).",
    )
    return what, out


def _compare_fit(t, X, y, alpha: float, model: BernoulliNB, case: str) -> None:
    what, (classes, log_prior, log_theta) = _fit(t, X, y, alpha, case)
    expect(
        np.array_equal(np.asarray(classes), model.classes_),
        f"{what}: classes should be the sorted distinct labels of y, {list(model.classes_)}.",
    )
    expect_close(
        log_prior,
        model.class_log_prior_,
        what=f"class_log_prior from {what} (log of each class's share of the rows)",
        rtol=1e-9,
        atol=1e-12,
    )
    expect_close(
        log_theta,
        model.feature_log_prob_,
        what=f"feature_log_prob from {what} (log of (N_cj + alpha) / (n_c + 2 * alpha))",
        rtol=1e-9,
        atol=1e-12,
    )


@checks.test("fit_bernoulli_nb matches BernoulliNB on binarised digits (10 classes)", points=3)
def fit_digits(t):
    X, y = _digits()[:2]
    case = "1200 binarised digits (64 features, labels 0-9)"
    _compare_fit(t, X, y, 1.0, _sklearn("digits", 1.0), case)


@checks.test("fit_bernoulli_nb with labels 2, 5, 9 and alpha = 0.5", points=1)
def fit_three_classes(t):
    X, y, _ = _three_classes()
    case = "the binarised digits 2, 5 and 9 only"
    _compare_fit(t, X, y, 0.5, _sklearn("three", 0.5), case)


def _log_proba(t, X: np.ndarray, model: BernoulliNB, case: str) -> np.ndarray:
    what = f"predict_log_proba on {case}"
    try:
        got = t.call("predict_log_proba", X, model.class_log_prior_, model.feature_log_prob_)
    except LearnerRaised as err:
        raise Fail(f"{what} raised {err.type_name}: {err.message}") from None
    got = np.asarray(got, dtype=float) if got is not None else got
    expect(got is not None, f"{what} returned None.")
    expect(
        got.shape == (len(X), len(model.classes_)),
        f"{what} should have shape {(len(X), len(model.classes_))}, got {got.shape}.",
    )
    return got


@checks.test("predict_log_proba equals BernoulliNB's on held-out digits", points=2)
def log_proba_digits(t):
    model = _sklearn("digits", 1.0)
    X_test = _digits()[2]
    case = "597 held-out binarised digits (with the fitted parameters of BernoulliNB)"
    got = _log_proba(t, X_test, model, case)
    expect(
        bool(np.all(np.isfinite(got))),
        f"predict_log_proba on {case} contains NaN or inf. Normalise with the log-sum-exp trick.",
    )
    if not np.allclose(got, model.predict_log_proba(X_test), rtol=1e-8, atol=1e-8):
        rows_normalised = np.allclose(logsumexp(got, axis=1), 0.0, atol=1e-8)
        raise Fail(
            f"predict_log_proba on {case} differs from the naive Bayes log posterior. "
            + (
                "Each row is normalised, so the scores themselves are off: include the "
                "(1 - x_j) * log(1 - theta_cj) term for absent features, and the class prior."
                if rows_normalised
                else "The rows are not normalised: subtract logsumexp of each row."
            )
        )


@checks.test("predict returns the labels of the most probable classes (labels 2, 5, 9)", points=2)
def predict_labels(t):
    for name, X_test, case in [
        ("digits", _digits()[2], "597 held-out binarised digits"),
        ("three", _three_classes()[2], "held-out digits 2, 5 and 9 (classes [2, 5, 9])"),
    ]:
        model = _sklearn(name, 1.0 if name == "digits" else 0.5)
        what = f"predict on {case}"
        try:
            got = t.call(
                "predict", X_test, model.classes_, model.class_log_prior_, model.feature_log_prob_
            )
        except LearnerRaised as err:
            raise Fail(f"{what} raised {err.type_name}: {err.message}") from None
        got = np.asarray(got)
        expected = model.predict(X_test)
        expect(
            got.shape == expected.shape,
            f"{what} should have shape {expected.shape}, got {got.shape}.",
        )
        wrong = int(np.sum(got != expected))
        if wrong == 0:
            continue
        looks_like_indices = (
            np.isin(got, np.arange(len(model.classes_))).all()
            and not np.isin(got, model.classes_).all()
        )
        advice = (
            "Return the labels classes[argmax], not the column indices."
            if looks_like_indices
            else "Take the argmax of each row's log posterior (predict_log_proba) and return "
            "classes[argmax]."
        )
        raise Fail(
            f"{what}: {wrong} of {len(expected)} predictions differ from naive Bayes. {advice}"
        )


@checks.test("predict_log_proba stays finite and normalised with 3000 features", points=2)
def log_proba_wide(t):
    model = _sklearn("wide", 1.0)
    X_test = _wide()[2]
    case = "20 rows with 3000 binary features (joint log-likelihoods near -2000)"
    got = _log_proba(t, X_test, model, case)
    expect(
        bool(np.all(np.isfinite(got))),
        f"predict_log_proba on {case} contains NaN or inf: exp of scores near -2000 underflows "
        "to 0. Use the log-sum-exp trick: subtract the row maximum before exponentiating.",
    )
    expect_close(
        got,
        model.predict_log_proba(X_test),
        what=f"predict_log_proba on {case}",
        rtol=1e-8,
        atol=1e-8,
    )
